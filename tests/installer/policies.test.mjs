// The enterprise policy templates, rendered by installer/policies/render.sh: every file parses, no
// placeholder is left, the extension is force-installed by its ID, and the policy each one pushes is
// the shipped default policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIREFOX_ID, REPO, TEST_CHROMIUM_ID, readJson, run, scratch } from './lib.mjs';

const RENDER = join(REPO, 'installer/policies/render.sh');
const DEFAULT_POLICY = readJson(join(REPO, 'installer/policy/policy.json'));
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const UPDATE_URL = 'https://updates.clinic.example/phisentry/update.xml';

function rendered(t, args = ['--chromium-id', ID, '--chrome-update-url', UPDATE_URL]) {
  const out = scratch(t);
  const result = run('bash', [RENDER, '--out', out, ...args]);
  assert.equal(result.status, 0, result.stderr);
  return out;
}

test('Chrome and Edge JSON policy: force-installed by ID, user-level hosts off, 3rdparty = the default policy', (t) => {
  const out = rendered(t);
  for (const [file, url] of [['linux/chrome.json', UPDATE_URL], ['linux/edge.json', 'https://edge.microsoft.com/extensionwebstorebase/v1/crx']]) {
    const text = readFileSync(join(out, file), 'utf8');
    assert.doesNotMatch(text, /__[A-Z_]+__/);
    const policy = JSON.parse(text);
    assert.deepEqual(policy.ExtensionInstallForcelist, [`${ID};${url}`]);
    assert.equal(policy.ExtensionSettings[ID].installation_mode, 'force_installed');
    assert.equal(policy.NativeMessagingUserLevelHosts, false);
    assert.deepEqual(policy['3rdparty'].extensions[ID], DEFAULT_POLICY);
  }
});

test('Firefox policies.json: ExtensionSettings and 3rdparty by add-on id', (t) => {
  const policies = readJson(join(rendered(t), 'firefox/policies.json')).policies;
  assert.equal(policies.ExtensionSettings[FIREFOX_ID].installation_mode, 'force_installed');
  assert.match(policies.ExtensionSettings[FIREFOX_ID].install_url, /^https:\/\/addons\.mozilla\.org\/.*\.xpi$/);
  assert.deepEqual(policies['3rdparty'].Extensions[FIREFOX_ID], DEFAULT_POLICY);
});

// The values of one key of a .reg file, typed as Chrome reads them.
function regValues(text, key) {
  const section = text.split(/\r\n\[/).find((part) => part.startsWith(`${key}]`));
  assert.ok(section, `no [${key}]`);
  const values = {};
  for (const [, name, string, dword] of section.matchAll(/^"([^"]+)"=(?:"([^"]*)"|dword:([0-9a-f]{8}))$/gm)) {
    values[name] = string ?? Boolean(parseInt(dword, 16));
  }
  return values;
}

test('Windows .reg: CRLF, HKLM policy keys for Chrome and Edge with the default policy', (t) => {
  const text = readFileSync(join(rendered(t), 'windows/phisentry.reg'), 'utf8');
  assert.ok(text.startsWith('Windows Registry Editor Version 5.00\r\n'));
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
  assert.doesNotMatch(text, /__[A-Z_]+__/);
  const { workspaces, ...scalars } = DEFAULT_POLICY;
  assert.deepEqual(workspaces, [], 'the default watches no extra workspace, so the list key is empty');
  for (const vendor of ['Google\\Chrome', 'Microsoft\\Edge']) {
    const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}`;
    assert.deepEqual(regValues(text, `${base}\\3rdparty\\extensions\\${ID}\\policy`), scalars);
    assert.deepEqual(Object.keys(regValues(text, `${base}\\3rdparty\\extensions\\${ID}\\policy\\workspaces`)), []);
    assert.match(regValues(text, `${base}\\ExtensionInstallForcelist`)['1'], new RegExp(`^${ID};https://`));
    assert.deepEqual(regValues(text, base), { NativeMessagingUserLevelHosts: false });
  }
});

test('macOS .mobileconfig: a valid property list with Chrome, Edge and Firefox payloads', { skip: run('sh', ['-c', 'command -v python3']).status !== 0 && 'no python3' }, (t) => {
  const file = join(rendered(t), 'macos/phisentry.mobileconfig');
  const json = run('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', file]);
  assert.equal(json.status, 0, json.stderr);
  const profile = JSON.parse(json.stdout);
  const byType = Object.fromEntries(profile.PayloadContent.map((payload) => [payload.PayloadType, payload]));
  assert.deepEqual(byType['com.google.Chrome'].ExtensionInstallForcelist, [`${ID};${UPDATE_URL}`]);
  for (const domain of [`com.google.Chrome.extensions.${ID}`, `com.microsoft.Edge.extensions.${ID}`]) {
    for (const [key, value] of Object.entries(DEFAULT_POLICY)) assert.deepEqual(byType[domain][key], value, `${domain} ${key}`);
  }
  assert.deepEqual(byType['org.mozilla.firefox']['3rdparty'].Extensions[FIREFOX_ID], DEFAULT_POLICY);
  const uuids = [profile, ...profile.PayloadContent].map((payload) => payload.PayloadUUID);
  assert.equal(new Set(uuids).size, uuids.length, 'every payload has its own UUID');
});

test('defaults come from manifests/extension-ids.txt; bad values are refused', (t) => {
  const out = rendered(t, []);
  assert.ok(readJson(join(out, 'linux/chrome.json')).ExtensionSettings[TEST_CHROMIUM_ID]);
  assert.equal(run('bash', [RENDER, '--out', scratch(t), '--chromium-id', 'not-an-id']).status, 2);
  assert.equal(run('bash', [RENDER, '--out', scratch(t), '--chrome-update-url', 'http://plain.example/x']).status, 2);
  assert.equal(run('bash', [RENDER, '--out', scratch(t), '--edge-update-url', 'https://x.example/a&b']).status, 2);
});
