// A debouncer with flush(), so a save can force the pending scan to run now.
// Timers are injectable so node tests can drive time by hand.
export function createDebouncer(action, delayMs, timers = globalThis) {
  let handle = null;

  function cancel() {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  }

  return {
    schedule() {
      cancel();
      handle = timers.setTimeout(() => {
        handle = null;
        action();
      }, delayMs);
    },
    // Runs the pending action at once; returns whether one was pending.
    flush() {
      if (handle === null) return false;
      cancel();
      action();
      return true;
    },
    cancel,
    get pending() {
      return handle !== null;
    },
  };
}
