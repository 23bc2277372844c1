// A debouncer with flush(), so a save can force the pending scan to run now.
// Timers and the clock are injectable so node tests can drive time by hand.
// leading: a call after a quiet spell of delayMs runs the action in a microtask, once the current
// task's other handlers (the editor's own mutation observers) are done, and before the browser
// renders the change, so the scan's round trip runs while the page renders; the other calls of a
// burst still wait for the pause, and calls before that microtask join its run.
export function createDebouncer(action, delayMs, timers = globalThis, { leading = false, now = () => performance.now() } = {}) {
  let handle = null;
  let leadingDue = false;
  let lastCall = -Infinity;

  function cancel() {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    leadingDue = false;
  }

  function run() {
    handle = null;
    action();
  }

  function runLeading() {
    if (!leadingDue) return; // cancelled or flushed meanwhile
    leadingDue = false;
    action();
  }

  return {
    schedule() {
      const quiet = now() - lastCall >= delayMs;
      lastCall = now();
      if (leadingDue) return; // the run already due picks this call up
      cancel();
      if (leading && quiet) {
        leadingDue = true;
        queueMicrotask(runLeading);
      } else handle = timers.setTimeout(run, delayMs);
    },
    // Runs the pending action at once; returns whether one was pending.
    flush() {
      if (handle === null && !leadingDue) return false;
      cancel();
      action();
      return true;
    },
    cancel,
    get pending() {
      return handle !== null || leadingDue;
    },
  };
}
