// README command (1) on a machine with a display ends in installer/demo.mjs: Chromium with the extension
// and a profile that only install.sh --user --profile-dir registered. Its headless --check mode proves
// that story end to end: the extension on the demo page highlights a synthetic SSN the host found.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { missingRequirement } from '../e2e/harness/browser.mjs';
import { REPO, homeEnv, installUser, run, scratch } from './lib.mjs';

const missing = missingRequirement();
const skip = missing && !process.env.CI ? `skipped: ${missing} (set CI=1 to make this a failure)` : false;
const DEMO = join(REPO, 'installer/demo.mjs');

test('the demo profile set up by install.sh highlights PHI typed into the editor page', { skip, timeout: 180_000 }, (t) => {
  const root = scratch(t, 'phisentry-demo-test-');
  const home = join(root, 'home');
  const profile = join(root, 'profile');
  const installed = installUser(home, join(root, 'prefix'), ['--browsers', 'firefox', '--profile-dir', profile]);
  assert.equal(installed.status, 0, installed.stderr);
  // The host's first start compiles the rule pack (tens of seconds on a busy machine): done here, once.
  run(join(root, 'prefix/bin/phisentry'), ['scan'], { env: homeEnv(home), input: '' });

  const checked = run(process.execPath, [DEMO, '--profile-dir', profile, '--check'], { env: homeEnv(home) });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /highlighted the synthetic SSN/);
});

test('without the registration the check fails and says what to run', { skip, timeout: 120_000 }, (t) => {
  const root = scratch(t, 'phisentry-demo-test-');
  const checked = run(process.execPath, [DEMO, '--profile-dir', join(root, 'profile'), '--check', '--wait', '5'],
    { env: homeEnv(join(root, 'home')) });
  assert.equal(checked.status, 1, checked.stdout + checked.stderr);
  assert.match(checked.stderr, /phisentry doctor --profile-dir/);
});

test('bad usage exits 2', () => {
  const result = run(process.execPath, [DEMO]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage: node installer\/demo\.mjs --profile-dir DIR/);
});
