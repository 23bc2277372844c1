// installer/install.sh for one user: every manifest in place and right, idempotent, uninstallable.
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { test } from 'node:test';
import {
  FIREFOX_ID, HOST_NAME, INSTALL_SH, TEST_CHROMIUM_ID, filesUnder, homeEnv, installUser, readJson, run, scratch, snapshot,
} from './lib.mjs';

const CHROMIUM_FAMILY_DIRS = {
  chrome: '.config/google-chrome/NativeMessagingHosts',
  chromium: '.config/chromium/NativeMessagingHosts',
  edge: '.config/microsoft-edge/NativeMessagingHosts',
};

function layout(t) {
  const root = scratch(t);
  return { root, home: join(root, 'home'), prefix: join(root, 'prefix'), profile: join(root, 'profile') };
}

function assertManifest(file, { host, origins, extensions }) {
  const manifest = readJson(file);
  assert.equal(manifest.name, HOST_NAME);
  assert.equal(manifest.type, 'stdio');
  assert.ok(manifest.description.length > 0);
  assert.ok(isAbsolute(manifest.path), `${file}: path ${manifest.path} is not absolute`);
  assert.equal(manifest.path, host);
  accessSync(manifest.path, constants.X_OK);
  if (origins) {
    assert.deepEqual(manifest.allowed_origins, origins);
    assert.equal(manifest.allowed_extensions, undefined);
  } else {
    assert.deepEqual(manifest.allowed_extensions, extensions);
    assert.equal(manifest.allowed_origins, undefined);
  }
}

test('--user puts a valid manifest for every browser and the profile, pointing at the installed host', (t) => {
  const { home, prefix, profile } = layout(t);
  const result = installUser(home, prefix, ['--browsers', 'all', '--profile-dir', profile]);
  assert.equal(result.status, 0, result.stderr);
  const host = join(prefix, 'bin/phisentry');
  const origins = [`chrome-extension://${TEST_CHROMIUM_ID}/`];
  for (const dir of Object.values(CHROMIUM_FAMILY_DIRS)) assertManifest(join(home, dir, `${HOST_NAME}.json`), { host, origins });
  assertManifest(join(home, '.mozilla/native-messaging-hosts', `${HOST_NAME}.json`), { host, extensions: [FIREFOX_ID] });
  assertManifest(join(profile, 'NativeMessagingHosts', `${HOST_NAME}.json`), { host, origins });
  assert.match(run(host, ['--version']).stdout, /^phisentry \d+\.\d+\.\d+/);
  assert.match(run(host, ['sweep', '--help']).stdout, /^Usage: phisentry sweep/m, 'sweep runs the installed phisentry-sweep');
  assert.ok(existsSync(join(prefix, 'share/phisentry/rules/pack.json')));
  // The host reads the machine policy and the managed browser policy only: a user policy would be ignored.
  assert.ok(!existsSync(join(home, '.config/phisentry')), 'no per-user policy');
  assert.match(result.stdout, /using +policy +\/etc\/phisentry\/policy\.json if IT put one there/);
  assert.match(readFileSync(join(prefix, 'share/phisentry/extension-ids.txt'), 'utf8'), new RegExp(`^chromium ${TEST_CHROMIUM_ID}$`, 'm'));
  assert.match(result.stdout, /installed +chromium/);
});

test('running it twice changes nothing, not even a timestamp, and says so', (t) => {
  const { root, home, prefix, profile } = layout(t);
  assert.equal(installUser(home, prefix, ['--browsers', 'all', '--profile-dir', profile]).status, 0);
  const before = snapshot(root);
  const again = installUser(home, prefix, ['--browsers', 'all', '--profile-dir', profile]);
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(snapshot(root), before);
  assert.doesNotMatch(again.stdout, /\b(installed|updated|removed)\b/);
  assert.match(again.stdout, /unchanged +chromium/);
});

test('--uninstall removes every file it installed', (t) => {
  const { root, home, prefix, profile } = layout(t);
  assert.equal(installUser(home, prefix, ['--browsers', 'all', '--profile-dir', profile]).status, 0);
  const removed = installUser(home, prefix, ['--uninstall', '--profile-dir', profile]);
  assert.equal(removed.status, 0, removed.stderr);
  assert.deepEqual(filesUnder(root), []);
  assert.ok(!existsSync(join(profile, 'NativeMessagingHosts')));
  assert.ok(!existsSync(join(home, '.mozilla')), 'the folder created for Firefox is gone too');
});

test('uninstall leaves alone a manifest that belongs to another installation', (t) => {
  const { home, prefix } = layout(t);
  const foreign = join(home, '.config/chromium/NativeMessagingHosts', `${HOST_NAME}.json`);
  mkdirSync(join(foreign, '..'), { recursive: true });
  writeFileSync(foreign, JSON.stringify({ name: HOST_NAME, path: '/opt/other/phisentry' }, null, 2));
  const result = installUser(home, prefix, ['--uninstall']);
  assert.equal(result.status, 0);
  assert.ok(existsSync(foreign));
  assert.match(result.stdout, /kept .*\/opt\/other\/phisentry/);
});

test('without --browsers it registers the browsers it finds, and says which it skipped', (t) => {
  const { root, home, prefix } = layout(t);
  // A PATH with the tools the script uses and a stand-in Google Chrome, but no other browser.
  const bin = join(root, 'bin');
  mkdirSync(bin);
  for (const tool of ['bash', 'sed', 'awk', 'cp', 'mv', 'rm', 'mkdir', 'mktemp', 'cmp', 'chmod', 'stat', 'diff', 'dirname',
    'uname', 'id', 'tr', 'head', 'rmdir', 'grep', 'cat']) {
    symlinkSync(realpathSync(run('bash', ['-c', `command -v ${tool}`]).stdout.trim()), join(bin, tool));
  }
  writeFileSync(join(bin, 'google-chrome'), '#!/bin/sh\n');
  chmodSync(join(bin, 'google-chrome'), 0o755);
  const result = installUser(home, prefix, [], { PATH: bin });
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(join(home, CHROMIUM_FAMILY_DIRS.chrome, `${HOST_NAME}.json`)));
  for (const browser of ['chromium', 'edge']) assert.ok(!existsSync(join(home, CHROMIUM_FAMILY_DIRS[browser])));
  assert.ok(!existsSync(join(home, '.mozilla')));
  assert.match(result.stdout, /skipped +firefox \(not found/);
});

test('extension IDs can be given; a malformed one is refused before anything is written', (t) => {
  const { root, home, prefix } = layout(t);
  const id = 'abcdefghijklmnopabcdefghijklmnop';
  const result = installUser(home, prefix, ['--browsers', 'edge,firefox', '--chromium-id', id, '--firefox-id', 'scanner@clinic.example']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readJson(join(home, CHROMIUM_FAMILY_DIRS.edge, `${HOST_NAME}.json`)).allowed_origins, [`chrome-extension://${id}/`]);
  assert.deepEqual(readJson(join(home, '.mozilla/native-messaging-hosts', `${HOST_NAME}.json`)).allowed_extensions, ['scanner@clinic.example']);

  const other = join(root, 'other');
  const bad = installUser(join(other, 'home'), join(other, 'prefix'), ['--chromium-id', 'ABC']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not a Chromium extension ID/);
  assert.ok(!existsSync(other));
});

test('XDG_CONFIG_HOME moves the Chromium-family locations', (t) => {
  const { root, home, prefix } = layout(t);
  const config = join(root, 'xdg');
  assert.equal(installUser(home, prefix, ['--browsers', 'chromium'], { XDG_CONFIG_HOME: config }).status, 0);
  assert.ok(existsSync(join(config, 'chromium/NativeMessagingHosts', `${HOST_NAME}.json`)));
});

test('--system --destdir stages the machine-wide layout with final paths inside', (t) => {
  const { root } = layout(t);
  const stage = join(root, 'stage');
  const result = run('bash', [INSTALL_SH, '--system', '--destdir', stage, '--browsers', 'all', '--from', process.env.PHISENTRY_BUILD_DIR ?? join(INSTALL_SH, '../../build')],
    { env: homeEnv(join(root, 'home')) });
  assert.equal(result.status, 0, result.stderr);
  const origins = [`chrome-extension://${TEST_CHROMIUM_ID}/`];
  for (const dir of ['etc/opt/chrome', 'etc/chromium', 'etc/opt/edge']) {
    const manifest = readJson(join(stage, dir, 'native-messaging-hosts', `${HOST_NAME}.json`));
    assert.equal(manifest.path, '/usr/local/bin/phisentry');
    assert.deepEqual(manifest.allowed_origins, origins);
  }
  assert.equal(readJson(join(stage, 'usr/lib/mozilla/native-messaging-hosts', `${HOST_NAME}.json`)).path, '/usr/local/bin/phisentry');
  assert.deepEqual(readJson(join(stage, 'etc/phisentry/policy.json')), readJson(join(INSTALL_SH, '../policy/policy.json')));
  accessSync(join(stage, 'usr/local/bin/phisentry'), constants.X_OK);
});

test('--system --uninstall removes the default machine policy and keeps one IT edited', (t) => {
  const { root } = layout(t);
  const stage = join(root, 'stage');
  const system = (...args) => run('bash', [INSTALL_SH, '--system', '--destdir', stage, '--browsers', 'chromium', ...args,
    '--from', process.env.PHISENTRY_BUILD_DIR ?? join(INSTALL_SH, '../../build')], { env: homeEnv(join(root, 'home')) });
  assert.equal(system().status, 0);
  assert.equal(system('--uninstall').status, 0);
  assert.deepEqual(filesUnder(stage), []);

  assert.equal(system().status, 0);
  writeFileSync(join(stage, 'etc/phisentry/policy.json'), '{"workspaces": [{"match": "https://wiki.clinic.example/*", "covered": true}]}\n');
  const kept = system('--uninstall');
  assert.match(kept.stdout, /kept +policy +\/etc\/phisentry\/policy\.json \(edited\)/);
  assert.deepEqual(filesUnder(stage), ['/etc/phisentry/policy.json']);
});

test('bad usage exits 2 with the reason', () => {
  const result = run('bash', [INSTALL_SH, '--frobnicate']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown option: --frobnicate/);
  assert.equal(run('bash', [INSTALL_SH, '--help']).status, 0);
});
