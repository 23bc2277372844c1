// Relays IT's managed browser policy (storage.managed) to the host, keeps the host's answer (the
// effective policy, where each key came from, and any errors) for the popup and the pages, and
// caches it so the fail mode still applies while the host is unavailable. Holds no page text.
import { DEFAULT_POLICY } from '../common/policy-defaults.js';

const CACHE_KEY = 'phisentry.policyStatus';
const POLICY_TIMEOUT_MS = 4000;

export class PolicyRelay {
  #storage;
  #request;
  #listeners = new Set();
  #status = null; // the host's last policy_status
  #hostAvailable = false;

  // storage: chrome.storage; request(message, timeoutMs) -> Promise(reply) sends to the host.
  constructor({ storage, request }) {
    this.#storage = storage;
    this.#request = request;
  }

  onChange(listener) {
    this.#listeners.add(listener);
  }

  // The cached status from an earlier run: used until the host answers.
  async restore() {
    const stored = await this.#storage.local.get(CACHE_KEY).catch(() => ({}));
    if (!this.#status && stored?.[CACHE_KEY]) this.#status = stored[CACHE_KEY];
    return this.snapshot();
  }

  // Sends the managed policy to the host and keeps the effective policy it answers with.
  async sync() {
    const managed = await readManaged(this.#storage);
    try {
      const reply = await this.#request({ type: 'policy', managed }, POLICY_TIMEOUT_MS);
      if (reply?.type !== 'policy_status') throw new Error(reply?.code ?? 'unexpected reply');
      this.#status = {
        ok: Boolean(reply.ok), policy: reply.policy, sources: reply.sources ?? {}, errors: reply.errors ?? [],
        rulesRefused: typeof reply.rules_refused === 'string' ? reply.rules_refused : null,
      };
      this.#hostAvailable = true;
      await this.#storage.local.set({ [CACHE_KEY]: this.#status }).catch(() => {});
    } catch {
      this.#hostAvailable = false;
    }
    this.#emit();
    return this.snapshot();
  }

  hostLost() {
    this.#hostAvailable = false;
    this.#emit();
  }

  // What MSG.POLICY_STATUS answers (common/messages.js).
  snapshot() {
    const status = this.#status ?? { ok: true, policy: null, sources: {}, errors: [] };
    return { ...status, hostAvailable: this.#hostAvailable, cached: !this.#hostAvailable && Boolean(this.#status) };
  }

  #emit() {
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) listener(snapshot);
  }
}

// storage.managed as one object, or null when IT set none (or the browser has no managed storage).
export async function readManaged(storage) {
  try {
    const managed = await storage.managed.get(null);
    return managed && Object.keys(managed).length ? managed : null;
  } catch {
    return null;
  }
}

export { DEFAULT_POLICY };
