// The user's "Not PHI" list. It holds SHA-256 digests of normalised text, never the text, so
// nothing a user marks is readable from storage.
export const STORAGE_KEY = 'allowlistDigests';

export function normaliseForAllowlist(text) {
  return String(text).trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function digestOf(text, subtle = globalThis.crypto.subtle) {
  const bytes = new TextEncoder().encode(normaliseForAllowlist(text));
  const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class Allowlist {
  constructor(storageArea) {
    this.storage = storageArea;
    this.digests = new Set();
  }

  async load() {
    const stored = await this.storage.get(STORAGE_KEY);
    this.digests = new Set(stored?.[STORAGE_KEY] ?? []);
  }

  // Keeps this copy current when another tab adds an entry.
  watch(onChanged, onUpdate) {
    onChanged.addListener((changes) => {
      if (!changes[STORAGE_KEY]) return;
      this.digests = new Set(changes[STORAGE_KEY].newValue ?? []);
      onUpdate();
    });
  }

  async clear() {
    this.digests = new Set();
    await this.storage.set({ [STORAGE_KEY]: [] });
  }

  async add(text) {
    this.digests.add(await digestOf(text));
    await this.storage.set({ [STORAGE_KEY]: [...this.digests] });
  }

  // findings whose text (a slice of `text`) the user has not marked "Not PHI".
  async filter(findings, text) {
    if (!this.digests.size) return findings;
    const keep = await Promise.all(
      findings.map(async (finding) => !this.digests.has(await digestOf(text.slice(finding.start, finding.end)))),
    );
    return findings.filter((_, index) => keep[index]);
  }
}
