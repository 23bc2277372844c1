// The packages CPack builds: what the .deb holds (dpkg-deb -c/-I/-e), its whole life in a scratch
// root (install, remove, purge: nothing stale), and the .tar.gz with the install.sh inside it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { BUILD_DIR, BUILT_HOST, FIREFOX_ID, HOST_NAME, REPO, TEST_CHROMIUM_ID, filesUnder, homeEnv, readJson, run, scratch } from './lib.mjs';

const CPACK_CONFIG = join(BUILD_DIR, 'CPackConfig.cmake');
const missing = ['cpack', 'dpkg-deb', 'dpkg'].find((tool) => run('sh', ['-c', `command -v ${tool}`]).status !== 0) ??
  (existsSync(CPACK_CONFIG) ? null : CPACK_CONFIG);
const skip = missing && !process.env.CI ? `skipped: no ${missing} (set CI=1 to make this a failure)` : false;

const MANIFEST_DIRS = {
  chrome: 'etc/opt/chrome/native-messaging-hosts',
  chromium: 'etc/chromium/native-messaging-hosts',
  edge: 'etc/opt/edge/native-messaging-hosts',
  firefox: 'usr/lib/mozilla/native-messaging-hosts',
};

const NO_SIGNING_KEY = { PHISENTRY_PACK_SIGNING_KEY: '', PHISENTRY_PACK_TRUSTED_KEYS: '' };

let out;
let deb;
let tgz;

before(() => {
  if (skip) return;
  out = join(BUILD_DIR, 'packages-test');
  // No publisher key (rules/SIGNING.md), whatever the caller's environment holds: the unsigned packages.
  const built = run('cpack', ['-G', 'DEB;TGZ', '--config', CPACK_CONFIG, '-B', out], { env: NO_SIGNING_KEY });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  deb = readdirSync(out).filter((f) => f.endsWith('.deb')).map((f) => join(out, f))[0];
  tgz = readdirSync(out).filter((f) => f.endsWith('.tar.gz')).map((f) => join(out, f))[0];
  assert.ok(deb && tgz, `packages in ${out}: ${readdirSync(out)}`);
});

test('the .deb holds the host, rules, policy, installer and the four browsers\' manifests', { skip }, () => {
  const listing = run('dpkg-deb', ['-c', deb]).stdout;
  const paths = listing.split('\n').filter(Boolean).map((line) => line.split(/\s+/).slice(5).join(' ').replace(/ -> .*$/, ''));
  for (const expected of ['./usr/bin/phisentry', './usr/bin/phisentry-sweep', './usr/share/phisentry/rules/pack.json', './usr/share/phisentry/install.sh',
    './usr/share/phisentry/extension-ids.txt', './etc/phisentry/policy.json', './usr/share/doc/phisentry/IT-ROLLOUT.md',
    ...Object.values(MANIFEST_DIRS).map((dir) => `./${dir}/${HOST_NAME}.json`)]) {
    assert.ok(paths.includes(expected), `${expected} missing from the .deb:\n${listing}`);
  }
  assert.ok(!paths.some((p) => p.includes('/usr/local/') || p.includes(REPO)), 'no build or local paths');
  assert.ok(!paths.some((p) => p.includes('/trusted-keys/') || p.endsWith('/pack.sig')), 'no key given: unsigned, no key trusted');
  assert.match(listing, /-rwxr-xr-x root\/root .* \.\/usr\/bin\/phisentry/);
});

test('the control data: name, version, dependencies from the libraries, conffile, maintainer scripts', { skip }, (t) => {
  const info = run('dpkg-deb', ['-I', deb]).stdout;
  assert.match(info, /^ Package: phisentry$/m);
  const version = /project\(phisentry VERSION ([0-9.]+)/.exec(readFileSync(join(REPO, 'CMakeLists.txt'), 'utf8'))[1];
  assert.match(info, new RegExp(`^ Version: ${version.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(info, /^ Depends: .*libhyperscan5/m);
  const control = scratch(t);
  assert.equal(run('dpkg-deb', ['-e', deb, control]).status, 0);
  assert.equal(readFileSync(join(control, 'conffiles'), 'utf8').trim(), '/etc/phisentry/policy.json');
  for (const script of ['postinst', 'postrm']) {
    assert.equal(run('sh', ['-n', join(control, script)]).status, 0, `${script} parses`);
    assert.match(run('stat', ['-c', '%a', join(control, script)]).stdout, /755/);
  }
});

test('the packaged manifests point at /usr/bin/phisentry and allow the configured extensions', { skip }, (t) => {
  const root = scratch(t);
  assert.equal(run('dpkg-deb', ['-x', deb, root]).status, 0);
  for (const [browser, dir] of Object.entries(MANIFEST_DIRS)) {
    const manifest = readJson(join(root, dir, `${HOST_NAME}.json`));
    assert.equal(manifest.path, '/usr/bin/phisentry');
    if (browser === 'firefox') assert.deepEqual(manifest.allowed_extensions, [FIREFOX_ID]);
    else assert.deepEqual(manifest.allowed_origins, [`chrome-extension://${TEST_CHROMIUM_ID}/`]);
  }
  assert.deepEqual(readJson(join(root, 'etc/phisentry/policy.json')), readJson(join(REPO, 'installer/policy/policy.json')));
});

test('given PHISENTRY_PACK_SIGNING_KEY, the .deb ships the pack signed and trusts exactly its public key', { skip }, (t) => {
  const work = scratch(t);
  const key = join(work, 'release-test');
  assert.equal(run(BUILT_HOST, ['rules', 'keygen', key]).status, 0);
  const packages = join(work, 'packages');
  const signing = { ...NO_SIGNING_KEY, PHISENTRY_PACK_SIGNING_KEY: `${key}.key` };
  const built = run('cpack', ['-G', 'DEB', '--config', CPACK_CONFIG, '-B', packages], { env: signing });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const signedDeb = readdirSync(packages).filter((f) => f.endsWith('.deb')).map((f) => join(packages, f))[0];
  const root = join(work, 'root');
  assert.equal(run('dpkg-deb', ['-x', signedDeb, root]).status, 0);

  const data = join(root, 'usr/share/phisentry');
  assert.deepEqual(readdirSync(join(data, 'trusted-keys')), ['release-test.pub']);
  assert.equal(readFileSync(join(data, 'trusted-keys/release-test.pub'), 'utf8'), readFileSync(`${key}.pub`, 'utf8'));
  const verified = run(BUILT_HOST, ['rules', 'verify', join(data, 'rules'), '--key', `${key}.pub`]);
  assert.equal(verified.status, 0, verified.stdout);
  assert.match(verified.stdout, /^ok: signed by trusted key [0-9a-f]{16}$/m);
  if (!existsSync('/etc/phisentry/trusted-keys')) {
    // The packaged host finds the packaged key beside itself, and so requires and accepts the signature.
    const installed = run(join(root, 'usr/bin/phisentry'), ['rules', 'verify'], { env: { PHISENTRY_TRUSTED_KEYS: '' } });
    assert.equal(installed.status, 0, installed.stdout);
  }
  const secret = readFileSync(`${key}.key`, 'utf8').split(' ')[1].trim();
  for (const file of filesUnder(root)) assert.ok(!readFileSync(join(root, file)).includes(secret), `the secret key is in ${file}`);

  // Public keys that do not match the signing key fail the packaging: such a host would refuse its own pack.
  const other = join(work, 'other');
  assert.equal(run(BUILT_HOST, ['rules', 'keygen', other]).status, 0);
  const mismatched = run('cpack', ['-G', 'DEB', '--config', CPACK_CONFIG, '-B', join(work, 'mismatched')],
    { env: { ...signing, PHISENTRY_PACK_TRUSTED_KEYS: `${other}.pub` } });
  assert.notEqual(mismatched.status, 0);
  assert.match(mismatched.stdout + mismatched.stderr, /rules verify[\s\S]*failed[\s\S]*signed only by keys this host does not trust/);
});

// dpkg in a scratch root: the maintainer scripts run outside a chroot with DPKG_ROOT set.
function dpkgIn(root, args) {
  return run('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-depends', '--force-not-root',
    `--log=${join(root, 'dpkg.log')}`, ...args]);
}

test('install, remove and purge in a scratch root leave nothing behind; remove keeps the edited policy', { skip }, (t) => {
  const root = scratch(t);
  for (const dir of ['var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  const installed = dpkgIn(root, ['-i', deb]);
  assert.equal(installed.status, 0, installed.stdout + installed.stderr);
  assert.ok(existsSync(join(root, 'usr/bin/phisentry')));
  for (const dir of Object.values(MANIFEST_DIRS)) assert.ok(existsSync(join(root, dir, `${HOST_NAME}.json`)));

  writeFileSync(join(root, 'etc/phisentry/policy.json'), '{"workspaces": ["https://wiki.clinic.example/*"]}\n');
  assert.equal(dpkgIn(root, ['-r', 'phisentry']).status, 0);
  const afterRemove = filesUnder(root).filter((p) => !p.startsWith('/var/lib/dpkg') && p !== '/dpkg.log');
  assert.deepEqual(afterRemove, ['/etc/phisentry/policy.json'], 'remove leaves only the configuration');

  assert.equal(dpkgIn(root, ['-P', 'phisentry']).status, 0);
  const afterPurge = filesUnder(root).filter((p) => !p.startsWith('/var/lib/dpkg') && p !== '/dpkg.log');
  assert.deepEqual(afterPurge, []);
  assert.ok(!existsSync(join(root, 'etc/phisentry')));
});

test('the .tar.gz is relocatable: no /etc, and its install.sh installs from it for one user', { skip }, (t) => {
  const listing = run('tar', ['-tzf', tgz]).stdout.split('\n').filter(Boolean);
  const top = listing[0].split('/')[0];
  assert.ok(listing.includes(`${top}/bin/phisentry`));
  assert.ok(listing.includes(`${top}/bin/phisentry-sweep`));
  assert.ok(listing.includes(`${top}/share/phisentry/install.sh`));
  assert.ok(!listing.some((p) => p.startsWith(`${top}/etc`) || p.includes('native-messaging-hosts/')), 'no machine-wide files');

  const root = scratch(t);
  assert.equal(run('tar', ['-xzf', tgz, '-C', root]).status, 0);
  const home = join(root, 'home');
  const prefix = join(root, 'prefix');
  const result = run('bash', [join(root, top, 'share/phisentry/install.sh'), '--user', '--prefix', prefix, '--browsers', 'chromium'],
    { env: homeEnv(home) });
  assert.equal(result.status, 0, result.stderr);
  const manifest = readJson(join(home, '.config/chromium/NativeMessagingHosts', `${HOST_NAME}.json`));
  assert.equal(manifest.path, join(prefix, 'bin/phisentry'));
  assert.equal(run(manifest.path, ['--version']).status, 0);
});
