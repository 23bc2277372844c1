// Defence in depth: started by a browser, the host serves only the extensions it was installed for;
// `phisentry native` run by hand is not a browser launch and always serves.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILT_HOST, FIREFOX_ID, HOST_NAME, TEST_CHROMIUM_ID, homeEnv, installUser, pingAsBrowser, scratch } from './lib.mjs';

const INSTALLED_ORIGIN = `chrome-extension://${TEST_CHROMIUM_ID}/`;
const UNKNOWN_ORIGIN = 'chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/';

function installed(t, args = ['--browsers', 'chromium,firefox']) {
  const root = scratch(t);
  const home = join(root, 'home');
  const prefix = join(root, 'prefix');
  const result = installUser(home, prefix, args);
  assert.equal(result.status, 0, result.stderr);
  return { root, home, host: join(prefix, 'bin/phisentry') };
}

function assertRefused(outcome, caller) {
  assert.equal(outcome.status, 1, outcome.stderr);
  assert.equal(outcome.reply, null, 'a refused caller gets no reply');
  assert.match(outcome.stderr, new RegExp(`\\[error\\] refused to serve ${caller.replace(/[.]/g, '\\.')}`));
}

test('Chromium: the installed extension is served, an unknown origin is refused with a logged error', async (t) => {
  const { home, host } = installed(t);
  const served = await pingAsBrowser(host, [INSTALLED_ORIGIN], homeEnv(home));
  assert.equal(served.status, 0, served.stderr);
  assert.equal(served.reply.type, 'pong');
  assertRefused(await pingAsBrowser(host, [UNKNOWN_ORIGIN], homeEnv(home)), UNKNOWN_ORIGIN);
  // Windows-style extra argument changes nothing.
  assertRefused(await pingAsBrowser(host, [UNKNOWN_ORIGIN, '--parent-window=0'], homeEnv(home)), UNKNOWN_ORIGIN);
});

test('Firefox: the installed add-on is served, another add-on is refused', async (t) => {
  const { home, host } = installed(t);
  const manifest = join(home, '.mozilla/native-messaging-hosts', `${HOST_NAME}.json`);
  assert.equal((await pingAsBrowser(host, [manifest, FIREFOX_ID], homeEnv(home))).reply?.type, 'pong');
  assertRefused(await pingAsBrowser(host, [manifest, 'other@example.org'], homeEnv(home)), 'other@example.org');
});

test('a host no manifest points at refuses even the right origin; `native` by hand still serves', async (t) => {
  const { home } = installed(t);
  const refused = await pingAsBrowser(BUILT_HOST, [INSTALLED_ORIGIN], homeEnv(home));
  assertRefused(refused, INSTALLED_ORIGIN);
  assert.match(refused.stderr, /no native-messaging manifest points at/);
  const byHand = await pingAsBrowser(BUILT_HOST, ['native'], homeEnv(join(home, 'empty')));
  assert.equal(byHand.status, 0, byHand.stderr);
  assert.equal(byHand.reply.type, 'pong');
});

test("a profile's own manifest counts only for a browser started with that --user-data-dir", async (t) => {
  const root = scratch(t);
  const profile = join(root, 'profile');
  const prefix = join(root, 'prefix');
  const result = installUser(join(root, 'installer-home'), prefix, ['--browsers', 'chromium', '--profile-dir', profile]);
  assert.equal(result.status, 0, result.stderr);
  const host = join(prefix, 'bin/phisentry');
  // sh stays the host's parent (it must still run `exit`), with the browser's switch on its command line;
  // HOME is empty, so the profile's manifest is the only one there is.
  const launchedBy = (userDataDir, cwd) => pingAsBrowser('sh', ['-c', '"$0" "$1"; exit $?', host, INSTALLED_ORIGIN,
    `--user-data-dir=${userDataDir}`], homeEnv(join(root, 'home')), { cwd });
  assert.equal((await launchedBy(profile)).reply?.type, 'pong');
  assert.equal((await launchedBy('profile', root)).reply?.type, 'pong', 'a relative --user-data-dir is taken from the browser\'s folder');
  assertRefused(await launchedBy(join(root, 'another-profile')), INSTALLED_ORIGIN);
});
