// One native-messaging port to the phisentry host, shared by every tab.
// Requests carry ids; replies are matched by id; every request has a timeout; when the host
// exits, pending requests fail at once and the port is reopened with exponential back-off.
// A host that stops answering is restarted, but a host that is still starting (no hello yet) is
// judged by its hello alone: under load a cold start can outlast a scan's timeout, and restarting
// it then only starts the wait again (seen with 50 tabs rescanning after a host crash).
// `connect` is injected (chrome.runtime.connectNative in the worker, a fake in node tests).

export class HostUnavailableError extends Error {
  constructor(reason) {
    super(`phisentry host unavailable: ${reason}`);
    this.name = 'HostUnavailableError';
    this.code = 'unavailable';
  }
}

export class HostTimeoutError extends Error {
  constructor(ms) {
    super(`phisentry host did not answer within ${ms} ms`);
    this.name = 'HostTimeoutError';
    this.code = 'timeout';
  }
}

const DEFAULTS = Object.freeze({
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  timeoutsBeforeRestart: 2, // a host that stops answering is restarted
  helloTimeoutMs: 15_000, // a host that has not said hello by then is stuck: restarted
});

export class HostConnection {
  #connect;
  #timers;
  #now;
  #options;
  #port = null;
  #pending = new Map();
  #nextId = 1;
  #failures = 0;
  #retryAt = 0;
  #retryTimer = null;
  #consecutiveTimeouts = 0;
  #status = 'unknown';
  #hello = null;
  #lastFailure = null;
  #listeners = new Set();
  #helloRequest;

  // connect(): returns a port {postMessage, disconnect, onMessage, onDisconnect, lastError()}.
  constructor({ connect, helloRequest, timers = globalThis, now = () => Date.now(), options = {} }) {
    this.#connect = connect;
    this.#helloRequest = helloRequest;
    this.#timers = timers;
    this.#now = now;
    this.#options = { ...DEFAULTS, ...options };
  }

  get status() {
    return this.#status;
  }

  get hostInfo() {
    return this.#hello;
  }

  // Why the host went away the last time (the browser's words, e.g. "Native host has exited."),
  // until a host says hello again. For the popup: it tells IT more than "unavailable".
  get lastFailure() {
    return this.#lastFailure;
  }

  onStatusChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // Sends `message` (without id) and resolves with the host's reply, which may be a typed error.
  request(message, timeoutMs) {
    try {
      this.#ensurePort();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#send(message, timeoutMs);
  }

  // Opens the port now (e.g. at worker start-up) so the badge shows the host's state early.
  warmUp() {
    if (this.#port || this.#now() < this.#retryAt) return;
    try {
      this.#ensurePort();
    } catch {
      // reported through status
    }
  }

  #ensurePort() {
    if (this.#port) return;
    if (this.#now() < this.#retryAt) throw new HostUnavailableError('waiting to reconnect');
    this.#clearRetryTimer();
    const port = this.#connect();
    this.#port = port;
    port.onMessage.addListener((reply) => this.#onReply(port, reply));
    port.onDisconnect.addListener(() => this.#onDisconnect(port));
    this.#send(this.#helloRequest(), this.#options.helloTimeoutMs, { hello: true }).then(
      (reply) => this.#onHello(port, reply),
      () => {}, // a failed hello is reported by the disconnect or timeout that caused it
    );
  }

  #send(message, timeoutMs, { hello = false } = {}) {
    const port = this.#port;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => this.#onTimeout(id, timeoutMs), timeoutMs);
      // Requests sent before the hello queue behind the host's start: their timeouts say nothing more.
      const duringStart = !this.#hello;
      this.#pending.set(id, { resolve, reject, timer, port, hello, duringStart });
      try {
        port.postMessage({ ...message, id });
      } catch (error) {
        this.#onDisconnect(port, error);
      }
    });
  }

  #onHello(port, reply) {
    if (port !== this.#port) return;
    if (reply?.type === 'hello') {
      this.#hello = reply;
      this.#lastFailure = null;
      this.#setStatus('available');
    }
  }

  #onReply(port, reply) {
    if (port !== this.#port) return;
    const entry = this.#pending.get(reply?.id);
    if (!entry) {
      // A late reply to a request that already timed out; a late hello still tells us the host runs.
      if (reply?.type === 'hello' && !this.#hello) this.#onHello(port, reply);
      return;
    }
    this.#pending.delete(reply.id);
    this.#timers.clearTimeout(entry.timer);
    this.#failures = 0;
    this.#consecutiveTimeouts = 0;
    if (this.#hello) this.#setStatus('available');
    entry.resolve(reply);
  }

  #onTimeout(id, timeoutMs) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    entry.reject(new HostTimeoutError(timeoutMs));
    if (entry.port !== this.#port) return;
    if (entry.hello) {
      this.#restart('host did not start');
      return;
    }
    if (entry.duringStart) return; // the hello decides whether the start went wrong
    this.#consecutiveTimeouts += 1;
    if (this.#consecutiveTimeouts >= this.#options.timeoutsBeforeRestart) this.#restart('host stopped answering');
  }

  #restart(reason) {
    this.#consecutiveTimeouts = 0;
    const port = this.#port;
    try {
      port.disconnect();
    } catch {
      // already gone
    }
    this.#onDisconnect(port, new Error(reason));
  }

  #onDisconnect(port, cause) {
    if (port !== this.#port) return;
    this.#port = null;
    this.#hello = null;
    const reason = cause?.message ?? port.lastError?.() ?? 'host exited';
    this.#lastFailure = reason;
    for (const [id, entry] of this.#pending) {
      if (entry.port !== port) continue;
      this.#pending.delete(id);
      this.#timers.clearTimeout(entry.timer);
      entry.reject(new HostUnavailableError(reason));
    }
    this.#failures += 1;
    const delay = Math.min(
      this.#options.maxBackoffMs,
      this.#options.initialBackoffMs * 2 ** (this.#failures - 1),
    );
    this.#retryAt = this.#now() + delay;
    this.#setStatus('unavailable');
    this.#scheduleRetry(delay);
  }

  // Reconnects by itself so the "unavailable" notice clears without the user typing.
  #scheduleRetry(delay) {
    this.#clearRetryTimer();
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = null;
      this.warmUp();
    }, delay);
  }

  #clearRetryTimer() {
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setStatus(status) {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }
}

// Adapts a chrome/browser runtime Port to what HostConnection expects.
export function nativePortConnector(runtime, hostName) {
  return () => {
    const port = runtime.connectNative(hostName);
    // Chromium reports why in runtime.lastError, Firefox in port.error.
    port.lastError = () => runtime.lastError?.message ?? port.error?.message;
    return port;
  };
}
