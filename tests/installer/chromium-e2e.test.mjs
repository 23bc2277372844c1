// End to end: a Chromium profile set up only by `install.sh --user --profile-dir` finds the installed
// host and talks to it; unregistering the profile makes the host unreachable again.
// Outside CI a missing Chromium or playwright-core skips this (with the reason); in CI it must run.
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildExtension, hostPidsOf, missingRequirement, waitFor } from '../e2e/harness/browser.mjs';
import { CHROMIUM_PATH, NODE_MODULES_DIR } from '../e2e/harness/paths.mjs';
import { HOST_NAME, TEST_CHROMIUM_ID, homeEnv, installUser, scratch } from './lib.mjs';

const missing = missingRequirement();
const skip = missing && !process.env.CI ? `skipped: ${missing} (set CI=1 to make this a failure)` : false;

// A synthetic SSN that passes the SSA validators by construction (area 512, group 44, serial 6789).
const SYNTHETIC_PHI = 'Pt SSN 512-44-6789';

async function launch(profile, home, extensionDir) {
  const { chromium } = await import(pathToFileURL(join(NODE_MODULES_DIR, 'playwright-core/index.mjs')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: { ...process.env, ...homeEnv(home) },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  return { context, worker };
}

// One native message from the extension's own service worker, as the extension sends them.
function sendFromExtension(worker, message) {
  return worker.evaluate(([host, body]) => new Promise((resolve) => {
    chrome.runtime.sendNativeMessage(host, body, (reply) => resolve(reply ?? { failed: chrome.runtime.lastError?.message }));
  }), [HOST_NAME, message]);
}

test('Chromium finds and talks to the host that install.sh registered for its profile', { skip, timeout: 120_000 }, async (t) => {
  const root = scratch(t, 'phisentry-installer-e2e-');
  const home = join(root, 'home');
  const prefix = join(root, 'prefix');
  const profile = join(root, 'profile');
  // --browsers with no Chromium-family user folder: the profile folder is the only registration.
  const installed = installUser(home, prefix, ['--browsers', 'firefox', '--profile-dir', profile]);
  assert.equal(installed.status, 0, installed.stderr);
  const extension = buildExtension(join(root, 'extension'));
  assert.equal(extension.id, TEST_CHROMIUM_ID);

  const { context, worker } = await launch(profile, home, extension.dir);
  t.after(() => context.close().catch(() => {}));
  const hello = await sendFromExtension(worker, { type: 'hello', id: 'e2e' });
  assert.equal(hello.type, 'hello', JSON.stringify(hello));
  assert.match(hello.host_version, /^\d+\.\d+\.\d+/);

  const scan = await sendFromExtension(worker, { type: 'scan', id: 2, text: SYNTHETIC_PHI });
  assert.deepEqual(scan.findings.map((f) => [f.category, SYNTHETIC_PHI.slice(f.start, f.end)]), [['ssn', '512-44-6789']]);

  // A port keeps one host process alive: it is the installed copy, started by this browser.
  await worker.evaluate((host) => { globalThis.installerTestPort = chrome.runtime.connectNative(host); }, HOST_NAME);
  const installedHost = realpathSync(join(prefix, 'bin/phisentry'));
  await waitFor(() => hostPidsOf(profile, installedHost).length > 0, { timeout: 10_000, message: 'the installed host running' });
  await worker.evaluate(() => globalThis.installerTestPort.disconnect());

  const removed = installUser(home, prefix, ['--uninstall', '--profile-dir', profile]);
  assert.equal(removed.status, 0, removed.stderr);
  const gone = await sendFromExtension(worker, { type: 'ping', id: 3 });
  assert.match(gone.failed ?? '', /not found/i, JSON.stringify(gone));
});
