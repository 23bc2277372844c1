// The user's "Not PHI" list. It holds HMAC-SHA-256 digests of normalised text under a random key
// made once per install, never the text. A plain hash of a phone number or SSN falls to a
// dictionary attack in seconds; a keyed one cannot be checked without the key, which lives only
// in this install's chrome.storage.local (never synced, never sent to the host or anywhere else).
export const STORAGE_KEY = 'allowlistDigests';
export const KEY_STORAGE_KEY = 'allowlistKey';
const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/;

export function normaliseForAllowlist(text) {
  return String(text).trim().replace(/\s+/g, ' ').toLowerCase();
}

const toHex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex) => Uint8Array.from(hex.match(/../g), (pair) => parseInt(pair, 16));

export function importKey(hexKey, subtle = globalThis.crypto.subtle) {
  return subtle.importKey('raw', fromHex(hexKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

// Hex HMAC-SHA-256 of the normalised text under `key` (a CryptoKey from importKey).
export async function digestOf(text, key, subtle = globalThis.crypto.subtle) {
  const bytes = new TextEncoder().encode(normaliseForAllowlist(text));
  return toHex(new Uint8Array(await subtle.sign('HMAC', key, bytes)));
}

// The install's key as hex, made on first use. Entries stored before any key existed are unkeyed
// SHA-256 digests from older versions: they cannot be re-keyed (only their text could, and it was
// never kept) and they are exactly what a dictionary attack reads, so they are dropped; the user
// marks those values again. Two contexts racing to make the key both adopt whichever write landed.
export async function ensureKey(storage, crypto = globalThis.crypto) {
  const stored = await storage.get(KEY_STORAGE_KEY);
  if (HEX_KEY.test(stored?.[KEY_STORAGE_KEY] ?? '')) return stored[KEY_STORAGE_KEY];
  const key = toHex(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
  await storage.set({ [KEY_STORAGE_KEY]: key, [STORAGE_KEY]: [] });
  const settled = await storage.get(KEY_STORAGE_KEY);
  return HEX_KEY.test(settled?.[KEY_STORAGE_KEY] ?? '') ? settled[KEY_STORAGE_KEY] : key;
}

export class Allowlist {
  #crypto;
  #key = null; // Promise<CryptoKey>, made on first need

  constructor(storageArea, crypto = globalThis.crypto) {
    this.storage = storageArea;
    this.#crypto = crypto;
    this.digests = new Set();
  }

  async load() {
    const stored = await this.storage.get(STORAGE_KEY);
    this.digests = new Set(stored?.[STORAGE_KEY] ?? []);
  }

  // Keeps this copy current when another tab adds an entry or the key changes.
  watch(onChanged, onUpdate) {
    onChanged.addListener((changes) => {
      if (changes[KEY_STORAGE_KEY]) this.#key = null;
      if (!changes[STORAGE_KEY] && !changes[KEY_STORAGE_KEY]) return;
      if (changes[STORAGE_KEY]) this.digests = new Set(changes[STORAGE_KEY].newValue ?? []);
      onUpdate();
    });
  }

  // Empties the list; the key stays (it protects nothing on its own and keeps digests comparable).
  async clear() {
    this.digests = new Set();
    await this.storage.set({ [STORAGE_KEY]: [] });
  }

  async add(text) {
    const digest = await this.#digest(text);
    await this.load(); // the key may just have been made, which drops unkeyed entries
    this.digests.add(digest);
    await this.storage.set({ [STORAGE_KEY]: [...this.digests] });
  }

  // findings whose text (a slice of `text`: a string or a TextSnapshot) the user has not marked "Not PHI".
  async filter(findings, text) {
    if (!this.digests.size) return findings;
    const keep = await Promise.all(
      findings.map(async (finding) => !this.digests.has(await this.#digest(text.slice(finding.start, finding.end)))),
    );
    return findings.filter((_, index) => keep[index]);
  }

  #digest(text) {
    if (!this.#key) {
      this.#key = ensureKey(this.storage, this.#crypto).then((hex) => importKey(hex, this.#crypto.subtle));
      this.#key.catch(() => {
        this.#key = null; // storage failed: try again next time
      });
    }
    return this.#key.then((key) => digestOf(text, key, this.#crypto.subtle));
  }
}
