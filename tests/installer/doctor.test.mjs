// `phisentry doctor` on a good installation and on each kind of broken one: what it says, the fix it
// prints, and an exit status scripts can use (0 fine, 1 problems, 2 bad usage).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUILT_HOST, HOST_NAME, REPO, homeEnv, installUser, readJson, run, scratch } from './lib.mjs';

const DEFAULT_POLICY = join(REPO, 'installer/policy/policy.json');

// One user installation made by install.sh, registered with the browsers found on this machine (the
// doctor looks for the same ones). Each test breaks a fresh copy of its home folder; the host and its
// paths stay the same, so the manifests keep pointing at it.
let base;
before(() => {
  base = mkdtempSync(join(tmpdir(), 'phisentry-doctor-'));
  const result = installUser(join(base, 'pristine-home'), join(base, 'prefix'), ['--browsers', 'chromium,firefox']);
  assert.equal(result.status, 0, result.stderr);
  // Warm the compiled-rules cache once: every copy of the home folder then starts with it.
  run(join(base, 'prefix/bin/phisentry'), ['scan'], { env: homeEnv(join(base, 'pristine-home')), input: '' });
});
after(() => rmSync(base, { recursive: true, force: true }));

function installed(t) {
  const root = scratch(t);
  const home = join(base, 'home');
  rmSync(home, { recursive: true, force: true });
  cpSync(join(base, 'pristine-home'), home, { recursive: true });
  const host = join(base, 'prefix/bin/phisentry');
  const doctor = (args = [], env = {}) => run(host, ['doctor', ...args], { env: homeEnv(home, env) });
  return { root, home, host, doctor, chromiumManifest: join(home, '.config/chromium/NativeMessagingHosts', `${HOST_NAME}.json`) };
}

function assertProblem(result, pattern) {
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const lines = result.stdout.split('\n');
  const at = lines.findIndex((l) => l.includes('PROBLEM') && pattern.test(l));
  assert.ok(at >= 0, `no PROBLEM line matching ${pattern} in:\n${result.stdout}`);
  // The fix follows the problem's detail lines, before the next check or section.
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => /^ {2}(ok|note|PROBLEM)\b|^\S/.test(l));
  assert.ok(rest.slice(0, end < 0 ? undefined : end).some((l) => /^\s+fix: \S/.test(l)), `no fix after: ${lines[at]}`);
  assert.match(result.stdout, /\d+ problem\(s\) found\./);
}

test('a good installation: every section ok, exit status 0', (t) => {
  const { doctor, host, root } = installed(t);
  const policy = join(root, 'policy.json');
  cpSync(DEFAULT_POLICY, policy);
  const result = doctor([], { PHISENTRY_POLICY: policy });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`at ${host}`));
  for (const section of ['Browsers', 'Policy', 'Rules', 'Audit']) assert.match(result.stdout, new RegExp(`^${section}$`, 'm'));
  assert.match(result.stdout, /ok +chromium \(user\): .* points at this binary and allows chrome-extension:\/\/[a-p]{32}\//);
  assert.match(result.stdout, /ok +firefox \(user\): .* allows phisentry@phisentry\.org/);
  assert.match(result.stdout, /ok +policy: .*policy\.json is valid \(0 workspace entries\)/);
  assert.match(result.stdout, /ok +rules: .* \d+ rules compiled \(blake2b-256:/);
  assert.match(result.stdout, /ok +audit: .*\.local\/state\/phisentry\/audit\.jsonl is writable/);
  assert.match(result.stdout, /No problems found\./);
});

test('a manifest that is not JSON', (t) => {
  const { doctor, chromiumManifest } = installed(t);
  writeFileSync(chromiumManifest, '{"name": "org.phisentry.host",');
  assertProblem(doctor(), /chromium \(user\): .*not a JSON object/);
});

test('a stale manifest left by an old installation', (t) => {
  const { doctor, home } = installed(t);
  const stale = join(home, '.config/google-chrome/NativeMessagingHosts', `${HOST_NAME}.json`);
  mkdirSync(join(stale, '..'), { recursive: true });
  writeFileSync(stale, JSON.stringify({ name: HOST_NAME, description: 'd', path: '/opt/gone/phisentry', type: 'stdio',
    allowed_origins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'] }));
  assertProblem(doctor(), /chrome \(user\): .*\/opt\/gone\/phisentry, which does not exist/);
});

test('a manifest pointing at another copy of phisentry', (t) => {
  const { doctor, chromiumManifest } = installed(t);
  const manifest = readJson(chromiumManifest);
  manifest.path = BUILT_HOST;
  writeFileSync(chromiumManifest, JSON.stringify(manifest));
  assertProblem(doctor(), /chromium \(user\): .*not at this binary/);
});

test('a manifest that does not allow the installed extension', (t) => {
  const { doctor } = installed(t);
  assertProblem(doctor(['--chromium-id', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']),
    /does not allow the installed extension chrome-extension:\/\/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\//);
});

test('an origin without its final slash', (t) => {
  const { doctor, chromiumManifest } = installed(t);
  const manifest = readJson(chromiumManifest);
  manifest.allowed_origins = manifest.allowed_origins.map((origin) => origin.replace(/\/$/, ''));
  writeFileSync(chromiumManifest, JSON.stringify(manifest));
  assertProblem(doctor(), /mind the final \//);
});

test('no machine policy is only a note: the defaults and the managed browser policy apply', (t) => {
  const { doctor, root } = installed(t);
  const result = doctor([], { PHISENTRY_POLICY: join(root, 'none/policy.json') });
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /note +policy: no .*none\/policy\.json: the defaults and any managed browser policy apply/);
});

test('a policy that does not parse, one the host would refuse, and a --policy that is not there', (t) => {
  const { doctor, root } = installed(t);
  const policy = join(root, 'policy.json');
  writeFileSync(policy, '{"default_action": "warn",,}');
  assertProblem(doctor([], { PHISENTRY_POLICY: policy }), /policy: .*policy\.json: /);
  writeFileSync(policy, JSON.stringify({ workspaces: [{ match: 'https://wiki.clinic.example/*' }], default_action: 'shout' }));
  const refused = doctor(['--policy', policy]);
  assertProblem(refused, /policy: .*workspaces\[0\]\.covered: is required/);
  assert.match(refused.stdout, /default_action: must be one of/, 'every error is named, not only the first');
  assertProblem(doctor(['--policy', join(root, 'missing.json')]), /policy: .*missing\.json does not exist/);
});

test('the audit sinks the policy sets: an audit.file that cannot be written, a syslog socket that is not there', (t) => {
  const { doctor, root } = installed(t);
  const policy = join(root, 'policy.json');
  writeFileSync(join(root, 'not-a-folder'), '');
  writeFileSync(policy, JSON.stringify({ audit: { sinks: ['file', 'syslog'], file: join(root, 'not-a-folder/audit.jsonl'),
    syslog_socket: join(root, 'no-such.sock') } }));
  const result = doctor(['--policy', policy]);
  assertProblem(result, /audit: .*not-a-folder\/audit\.jsonl cannot be written/);
  assertProblem(result, /audit: no syslog socket at .*no-such\.sock/);
  writeFileSync(policy, JSON.stringify({ audit: { sinks: [] } }));
  const off = doctor(['--policy', policy]);
  assert.equal(off.status, 0, off.stdout);
  assert.match(off.stdout, /note +audit: the policy leaves "file" out of audit\.sinks/);
});

test('rules that do not compile', (t) => {
  const { doctor, root } = installed(t);
  const rules = join(root, 'broken-rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'pack.json'), '{"id": "broken", "version": "1"}');
  writeFileSync(join(rules, 'bad.json'), '{"rules": [{"id": "x.y", "name": "X", "pattern": "(("}]}');
  assertProblem(doctor([], { PHISENTRY_RULES: rules }), /rules: .*broken-rules/);
});

test('an audit location that cannot be written', (t) => {
  const { doctor, root } = installed(t);
  writeFileSync(join(root, 'not-a-folder'), '');
  assertProblem(doctor([], { PHISENTRY_AUDIT_FILE: join(root, 'not-a-folder/audit.jsonl') }), /audit: .*cannot be written/);
});

test('a browser profile that was never registered, and a machine with nothing registered', (t) => {
  const { doctor, root, home } = installed(t);
  assertProblem(doctor(['--profile-dir', join(root, 'profile')]), /chromium \(profile\): .*does not exist/);
  rmSync(join(home, '.config/chromium'), { recursive: true });
  rmSync(join(home, '.mozilla'), { recursive: true });
  assertProblem(doctor(['--scope', 'user']), /not registered with any browser/);
});

test('bad usage exits 2; --help exits 0', (t) => {
  const { doctor } = installed(t);
  assert.equal(doctor(['--scope', 'galaxy']).status, 2);
  assert.equal(doctor(['--frobnicate']).status, 2);
  const help = doctor(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Exit status: 0 nothing wrong, 1 problems found, 2 bad usage/);
});
