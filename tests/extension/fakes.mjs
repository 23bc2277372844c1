// Test doubles for the browser: a native port whose "host" the test scripts, and hand-driven timers.
export class FakeTimers {
  constructor() {
    this.now = 0;
    this.queue = [];
    this.nextHandle = 1;
  }

  setTimeout(callback, delay) {
    const handle = this.nextHandle++;
    this.queue.push({ handle, at: this.now + delay, callback });
    return handle;
  }

  clearTimeout(handle) {
    this.queue = this.queue.filter((entry) => entry.handle !== handle);
  }

  // Moves time forward, running due callbacks in order.
  advance(ms) {
    const target = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > target) break;
      this.queue.shift();
      this.now = next.at;
      next.callback();
    }
    this.now = target;
  }
}

function listenerList() {
  const listeners = [];
  return {
    addListener: (listener) => listeners.push(listener),
    fire: (...args) => listeners.forEach((listener) => listener(...args)),
  };
}

// A port to a scripted host. `respond(message)` returns the reply (or undefined for none).
export class FakePort {
  constructor(respond) {
    this.respond = respond;
    this.sent = [];
    this.onMessage = listenerList();
    this.onDisconnect = listenerList();
    this.connected = true;
    this.error = null;
  }

  postMessage(message) {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
    const reply = this.respond(message);
    if (reply) queueMicrotask(() => this.connected && this.onMessage.fire(reply));
  }

  disconnect() {
    this.connected = false;
  }

  // The host exits: the browser reports a disconnect.
  hostExits(reason = 'Native host has exited.') {
    this.connected = false;
    this.error = reason;
    this.onDisconnect.fire(this);
  }

  lastError() {
    return this.error;
  }
}

export const flush = () => new Promise((resolve) => setImmediate(resolve));
