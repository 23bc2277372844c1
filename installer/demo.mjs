#!/usr/bin/env node
// Shows PHI Sentry working: Chromium with the extension, on a Confluence Cloud-like editor page served
// from this machine, talking to the host that install.sh registered for the demo profile. Type (or
// paste tests/samples/huddle-notes.txt) and watch the highlights. Ends when the window closes.
// Usage: node installer/demo.mjs --profile-dir DIR   (DIR registered by install.sh --user --profile-dir)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExtension, missingRequirement } from '../tests/e2e/harness/browser.mjs';
import { CHROMIUM_PATH, NODE_MODULES_DIR } from '../tests/e2e/harness/paths.mjs';
import { startFixtureServer } from '../tests/e2e/harness/server.mjs';

const PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';

const profileArg = process.argv.indexOf('--profile-dir');
if (profileArg < 0 || !process.argv[profileArg + 1]) {
  console.error('usage: node installer/demo.mjs --profile-dir DIR');
  process.exit(2);
}
const profile = process.argv[profileArg + 1];
const missing = missingRequirement();
if (missing && !missing.startsWith('no phisentry host')) {
  console.error(`demo.mjs: ${missing}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'phisentry-demo-'));
const extension = buildExtension(join(scratch, 'extension'));
const server = await startFixtureServer();
const { chromium } = await import(pathToFileURL(join(NODE_MODULES_DIR, 'playwright-core/index.mjs')));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: false,
  ignoreHTTPSErrors: true,
  viewport: null,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [`--disable-extensions-except=${extension.dir}`, `--load-extension=${extension.dir}`, '--no-first-run',
    '--disable-sync', '--host-resolver-rules=MAP *.atlassian.net 127.0.0.1'],
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(server.url('clinic.atlassian.net', PAGE));
console.log('PHI Sentry demo: type into the page (try pasting tests/samples/huddle-notes.txt); close the window to end.');
await new Promise((resolve) => context.on('close', resolve));
await server.close();
rmSync(scratch, { recursive: true, force: true });
