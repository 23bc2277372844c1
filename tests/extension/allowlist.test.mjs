// "Not PHI" digests are keyed (HMAC-SHA-256, one random key per install): storage must not let a
// dictionary attack recover a marked value, and older unkeyed entries must not survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import { Allowlist, KEY_STORAGE_KEY, STORAGE_KEY, ensureKey } from '../../extension/src/content/allowlist.js';

// chrome.storage.local as far as the allowlist uses it; values round-trip through JSON as Chrome's do.
function fakeStorage(initial = {}) {
  const data = JSON.parse(JSON.stringify(initial));
  return {
    data,
    get: async (key) => (key in data ? { [key]: JSON.parse(JSON.stringify(data[key])) } : {}),
    set: async (items) => Object.assign(data, JSON.parse(JSON.stringify(items))),
  };
}

const PHONE = '(503) 555-0187'; // 555-01xx: reserved for fiction
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

async function installWith(values) {
  const storage = fakeStorage();
  const allowlist = new Allowlist(storage, webcrypto);
  await allowlist.load();
  for (const value of values) await allowlist.add(value);
  return storage;
}

test('the same text under two installs gives two different digests', async () => {
  const first = await installWith([PHONE]);
  const second = await installWith([PHONE]);
  assert.match(first.data[KEY_STORAGE_KEY], /^[0-9a-f]{64}$/);
  assert.notEqual(first.data[KEY_STORAGE_KEY], second.data[KEY_STORAGE_KEY], 'a random key per install');
  assert.equal(first.data[STORAGE_KEY].length, 1);
  assert.notEqual(first.data[STORAGE_KEY][0], second.data[STORAGE_KEY][0]);
});

test('the stored list holds no clear text and no unkeyed digest of any form of the value', async () => {
  const storage = await installWith([PHONE, 'Jane Q. Example']);
  const saved = JSON.stringify(storage.data);
  const forms = [PHONE, PHONE.toLowerCase(), '5035550187', 'Jane Q. Example', 'jane q. example'];
  for (const form of forms) {
    assert.ok(!saved.includes(form), `clear text ${form}`);
    assert.ok(!saved.includes(sha256(form)), `unkeyed SHA-256 of ${form}`);
  }
  // A dictionary over every 555-01xx number in the area code finds nothing without the key.
  const stored = new Set(storage.data[STORAGE_KEY]);
  for (let line = 100; line < 200; line += 1) {
    assert.ok(!stored.has(sha256(`(503) 555-0${line}`)), 'dictionary hit');
  }
});

test('a marked value is filtered in every tab of the install, and a second list with another key does not match it', async () => {
  const storage = await installWith([PHONE]);
  const text = `Main line ${PHONE} for transport`;
  const start = text.indexOf(PHONE);
  const findings = [{ start, end: start + PHONE.length, category: 'phone', confidence: 'high' }];
  const otherTab = new Allowlist(storage, webcrypto);
  await otherTab.load();
  assert.deepEqual(await otherTab.filter(findings, text), [], 'same install: filtered');
  const foreign = new Allowlist(fakeStorage({ [STORAGE_KEY]: storage.data[STORAGE_KEY] }), webcrypto);
  await foreign.load();
  assert.deepEqual(await foreign.filter(findings, text), findings, 'copied digests are useless without the key');
});

test('entries from before the key (unkeyed SHA-256) are dropped when the key is made; clearing keeps the key', async () => {
  const legacy = sha256(PHONE.toLowerCase());
  const storage = fakeStorage({ [STORAGE_KEY]: [legacy] });
  const key = await ensureKey(storage, webcrypto);
  assert.deepEqual(storage.data[STORAGE_KEY], []);
  assert.equal(await ensureKey(storage, webcrypto), key, 'made once, then reused');
  const allowlist = new Allowlist(storage, webcrypto);
  await allowlist.add(PHONE);
  await allowlist.clear();
  assert.deepEqual(storage.data[STORAGE_KEY], []);
  assert.equal(storage.data[KEY_STORAGE_KEY], key);
});

test('a tab that still holds an unkeyed entry in memory migrates on its first digest and keeps no legacy entry', async () => {
  const legacy = sha256('x');
  const storage = fakeStorage({ [STORAGE_KEY]: [legacy] });
  const allowlist = new Allowlist(storage, webcrypto);
  await allowlist.load();
  await allowlist.add(PHONE);
  assert.equal(storage.data[STORAGE_KEY].length, 1);
  assert.ok(!storage.data[STORAGE_KEY].includes(legacy));
});
