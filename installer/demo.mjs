#!/usr/bin/env node
// Shows PHI Sentry working: Chromium with the extension, on a Confluence Cloud-like editor page served
// from this machine, talking to the host that install.sh registered for the demo profile. Type (or
// paste tests/samples/huddle-notes.txt) and watch the highlights. Ends when the window closes.
//   node installer/demo.mjs --profile-dir DIR           (DIR registered by install.sh --user --profile-dir)
//   node installer/demo.mjs --profile-dir DIR --check [--wait SECONDS]
//       headless: types a synthetic line, waits (60 s) for its highlight, exits 0 (1 if none came)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExtension, missingRequirement, waitFor } from '../tests/e2e/harness/browser.mjs';
import { CHROMIUM_PATH, NODE_MODULES_DIR } from '../tests/e2e/harness/paths.mjs';
import { startFixtureServer } from '../tests/e2e/harness/server.mjs';
import { typeIntoBody } from '../tests/e2e/harness/session.mjs';
import { readHighlights } from '../tests/e2e/harness/ui.mjs';

const PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';
// Synthetic: an SSN valid by construction (area 512, group 44, serial 6789), never a real person's.
const CHECK_LINE = ' Pt SSN 512-44-6789 called back.';
const CHECK_VALUE = '512-44-6789';

const profileArg = process.argv.indexOf('--profile-dir');
if (profileArg < 0 || !process.argv[profileArg + 1]) {
  console.error('usage: node installer/demo.mjs --profile-dir DIR [--check [--wait SECONDS]]');
  process.exit(2);
}
const profile = process.argv[profileArg + 1];
const check = process.argv.includes('--check');
const waitArg = process.argv.indexOf('--wait');
const waitSeconds = waitArg < 0 ? 60 : Number(process.argv[waitArg + 1]);
if (!(waitSeconds > 0)) {
  console.error('demo.mjs: --wait needs a number of seconds');
  process.exit(2);
}
const missing = missingRequirement();
if (missing && !missing.startsWith('no phisentry host')) {
  console.error(`demo.mjs: ${missing}`);
  process.exit(2);
}

async function launch(extensionDir) {
  const { chromium } = await import(pathToFileURL(join(NODE_MODULES_DIR, 'playwright-core/index.mjs')));
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses root without it
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: check,
    ignoreHTTPSErrors: true,
    viewport: check ? { width: 1200, height: 800 } : null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run',
      '--disable-sync', '--host-resolver-rules=MAP *.atlassian.net 127.0.0.1', ...rootOnly],
  });
}

// Types the synthetic line and waits for the extension to highlight its value (found by the host).
async function checkHighlight(page) {
  await page.waitForFunction(() => window.fixture?.ready === true);
  await typeIntoBody(page, CHECK_LINE);
  let highlighted = [];
  try {
    await waitFor(async () => {
      highlighted = Object.values(await readHighlights(page)).flat();
      return highlighted.includes(CHECK_VALUE);
    }, { timeout: waitSeconds * 1000, message: 'the highlight' });
  } catch {
    console.error(`demo.mjs: no highlight of the synthetic SSN after ${waitSeconds} s (highlights: ${JSON.stringify(highlighted)});`
      + ' is the host registered for this profile? run: phisentry doctor --profile-dir ' + profile);
    return false;
  }
  console.log(`PHI Sentry demo check: the extension highlighted the synthetic SSN (${highlighted.length} highlight(s)).`);
  return true;
}

const scratch = mkdtempSync(join(tmpdir(), 'phisentry-demo-'));
const extension = buildExtension(join(scratch, 'extension'));
const server = await startFixtureServer();
const context = await launch(extension.dir);
// The extension's service worker relays every scan to the host: the page opens once it is running.
if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(server.url('clinic.atlassian.net', PAGE));
let status = 0;
if (check) {
  status = (await checkHighlight(page)) ? 0 : 1;
  await context.close();
} else {
  console.log('PHI Sentry demo: type into the page (try pasting tests/samples/huddle-notes.txt); close the window to end.');
  await new Promise((resolve) => context.on('close', resolve));
}
await server.close();
rmSync(scratch, { recursive: true, force: true });
process.exit(status);
