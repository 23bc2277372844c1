// Where things are; every path can be overridden from the environment.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(E2E_DIR, '../..');
export const HOST_PATH = process.env.PHISENTRY_HOST ?? join(REPO, 'build/bin/phisentry');
export const CHROMIUM_PATH = process.env.PHISENTRY_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = process.env.PHISENTRY_ARTIFACTS ?? join(REPO, 'build/test-artifacts');
export const FIXTURES_DIR = join(E2E_DIR, 'fixtures');
export const NODE_MODULES_DIR = join(E2E_DIR, 'node_modules');
export const TEST_KEY_FILE = join(E2E_DIR, 'test-extension-key.pub.b64');
export const NATIVE_HOST_NAME = 'org.phisentry.host';
