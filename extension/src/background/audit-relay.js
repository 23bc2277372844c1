// Sends audit events to the host (host/PROTOCOL.md `audit`). An event that happens while the host is
// unavailable (above all "scanner unavailable at save") waits in memory and goes when it is back.
// Only events without matched values wait: values are never kept.
const AUDIT_TIMEOUT_MS = 4000;
const MAX_WAITING = 200;

export class AuditRelay {
  #request;
  #waiting = [];

  constructor({ request }) {
    this.#request = request;
  }

  // message: {event, url, matches?, justification?}. Resolves with the host's audit_result, or
  // {recorded: false, queued: true} when the host could not be reached.
  async send(message) {
    const request = { type: 'audit', event: message.event, url: message.url };
    if (Array.isArray(message.matches) && message.matches.length) request.matches = message.matches;
    if (typeof message.justification === 'string') request.justification = message.justification;
    try {
      const reply = await this.#request(request, AUDIT_TIMEOUT_MS);
      if (reply?.type === 'audit_result') return reply;
      // A protocol error (an older host, a timeout) is not a refusal: the event is just not recorded.
      return { recorded: false, error: reply?.code ?? 'internal' };
    } catch {
      this.#keep({ type: 'audit', event: request.event, url: request.url });
      return { recorded: false, queued: true };
    }
  }

  // Called when the host is available again.
  async flush() {
    const waiting = this.#waiting.splice(0);
    for (const request of waiting) {
      await this.#request(request, AUDIT_TIMEOUT_MS).catch(() => this.#keep(request));
    }
  }

  get waiting() {
    return this.#waiting.length;
  }

  #keep(request) {
    if (this.#waiting.length < MAX_WAITING) this.#waiting.push(request);
  }
}
