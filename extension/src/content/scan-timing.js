// Opt-in timing of each scan's stages, for the keystroke-to-highlight benchmark
// (tests/e2e/bench-latency.mjs turns it on with storage.local {scanTiming: true}; it is off for users).
// Each scan becomes one performance.measure('phisentry:scan') whose detail holds the stage times
// (performance.now() of this document) and sizes: numbers only, never text.
export const SCAN_TIMING_KEY = 'scanTiming';
export const SCAN_MEASURE = 'phisentry:scan';

export async function loadScanTiming(storage) {
  try {
    const stored = await storage.get(SCAN_TIMING_KEY);
    return stored?.[SCAN_TIMING_KEY] === true ? createScanTiming() : null;
  } catch {
    return null;
  }
}

export function createScanTiming(perf = globalThis.performance) {
  return {
    now: () => perf.now(),
    // One scan: mark(stage) records when it ended; note(facts) adds sizes; finish() records it.
    begin(changedAt) {
      const detail = { changed: changedAt, fired: perf.now() };
      return {
        mark(stage) {
          detail[stage] = perf.now();
        },
        note(facts) {
          Object.assign(detail, facts);
        },
        // Stamps from the service worker are on its own clock: epoch milliseconds, made local here.
        noteWorker(timing) {
          if (!timing) return;
          detail.workerReceived = timing.received - perf.timeOrigin;
          detail.workerReplied = timing.replied - perf.timeOrigin;
          detail.hostUs = timing.hostUs;
        },
        finish() {
          detail.done = perf.now();
          perf.measure(SCAN_MEASURE, { start: detail.fired, end: detail.done, detail });
        },
      };
    },
  };
}
