// One watched editor: its text model, the debounced scan after a typing pause, the latest
// findings (with the text snapshot they belong to), and replacing findings with placeholders.
import { createDebouncer } from '../common/debounce.js';
import { atOrAbove } from '../common/confidence.js';
import { placeholderFor } from '../common/placeholders.js';
import { planWindow, mergeFindings } from './incremental.js';

// A burst of typing is scanned after this pause. A change after a quiet spell this long is scanned
// at once, once the editor's own mutation handlers have run and before the page renders it, so the
// round trip to the host overlaps the page's rendering: at human typing speed, and on a large page
// whose editor takes longer than this per keystroke, every keystroke is scanned anyway, and waiting
// only added the pause (and the page's rendering) to keystroke-to-highlight. A whole-text scan waits
// for the one in flight, a small window does not, and only the newest result is applied; a large
// page sends only the changed window (tests/bench/RESULTS.md has the figures for
// 150, 50 and 40 ms).
export const TYPING_PAUSE_MS = 50;
// A scan that failed for want of the host (it was restarting, or too busy to answer in time) is
// tried again after these pauses, then left to the host's "available" notice or the next keystroke.
export const RETRY_DELAYS_MS = Object.freeze([500, 1000, 2000, 4000, 8000, 16_000]);
const RETRIED_ERRORS = new Set(['unavailable', 'timeout']);

let nextSessionId = 1;

export class EditorSession {
  // scan(text) -> {ok, result, available}; onResult(session) repaints.
  // timing: createScanTiming() to record each scan's stages (the latency benchmark), else null.
  constructor({ element, adapter, model, scan, onResult, filterFindings, timers = globalThis, now = () => performance.now(), timing = null }) {
    this.id = nextSessionId++;
    this.element = element;
    this.adapter = adapter;
    this.model = model;
    this.scanText = scan;
    this.onResult = onResult;
    this.filterFindings = filterFindings ?? (async (findings) => findings);
    this.generation = 0;
    this.scannedGeneration = -1;
    this.findings = [];
    this.incomplete = false; // the host stopped before the end of the text (its hit limit)
    this.snapshot = null;
    this.verdict = null;
    this.available = true;
    this.inFlight = null;
    this.timers = timers;
    this.retryTimer = null;
    this.retriesDone = 0;
    this.timing = timing;
    this.changedAt = 0;
    this.debouncer = createDebouncer(() => this.#scanLatest(), TYPING_PAUSE_MS, timers, { leading: true, now });
  }

  // The editor changed; `targets` are the mutated nodes (none for form fields).
  noteChange(targets = []) {
    for (const target of targets) this.model.invalidate(target);
    if (!targets.length) this.model.invalidate(this.element);
    this.generation += 1;
    if (this.timing) this.changedAt = this.timing.now();
    this.#cancelRetry();
    this.retriesDone = 0; // a new text (or the host back) earns a fresh set of retries
    this.debouncer.schedule();
  }

  // Stops every timer (the editor is gone).
  stop() {
    this.debouncer.cancel();
    this.#cancelRetry();
  }

  // Scans now if anything changed since the last scan (or it failed); resolves when the
  // findings match the editor's current text.
  async flush() {
    this.debouncer.cancel();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (this.inFlight) await this.inFlight;
      if (this.scannedGeneration === this.generation && this.available) return this;
      await this.#scanLatest();
    }
    return this;
  }

  warnFindings(level) {
    return this.findings.filter((finding) => atOrAbove(finding.confidence, level));
  }

  #scanLatest() {
    const run = this.#scan().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  async #scan() {
    const trace = this.timing?.begin(this.changedAt);
    let generation = this.generation;
    let snapshot = this.model.build();
    trace?.mark('built');
    let plan = this.#windowFor(snapshot);
    trace?.mark('planned');
    // A small window need not queue behind the scan in flight: that scan's text is already stale
    // (its result is dropped), and on a busy page its reply waits for the page's rendering. A large
    // scan still waits, so large texts never pile up at the host.
    if (this.inFlight && !isSmallWindow(plan)) {
      await this.inFlight;
      generation = this.generation;
      snapshot = this.model.build();
      plan = this.#windowFor(snapshot);
    }
    trace?.mark('started');
    // The window is merged into the findings it was planned against.
    const base = { findings: this.findings, incomplete: this.incomplete };
    const response = await this.#request(snapshot, plan);
    trace?.mark('answered');
    trace?.noteWorker(response.timing);
    if (generation !== this.generation) return; // typed meanwhile: a newer scan is scheduled
    this.available = Boolean(response.ok); // text we could not scan counts as "scanner unavailable"
    if (!response.ok) {
      this.onResult(this, response);
      this.#scheduleRetry(response.error);
      return;
    }
    this.retriesDone = 0;
    let scanned = { findings: response.result.findings, incomplete: Boolean(response.result.incomplete) };
    if (plan?.unchanged) scanned = base;
    else if (plan) scanned = mergeFindings(base, scanned, plan);
    trace?.mark('merged');
    const findings = await this.filterFindings(scanned.findings, snapshot);
    trace?.mark('filtered');
    // Checked again: a newer scan (a small window does not wait for this one) may have been applied
    // while the allowlist filter awaited its digests.
    if (generation !== this.generation) return;
    this.findings = findings;
    this.incomplete = scanned.incomplete;
    this.snapshot = snapshot;
    this.verdict = response.result.verdict ?? this.verdict;
    this.scannedGeneration = generation;
    this.onResult(this, response);
    trace?.note({ textChars: snapshot.length, sentChars: plan ? plan.end - plan.start : snapshot.length, findings: this.findings.length });
    trace?.finish();
  }

  // The changed window to scan against the last applied scan, or null for the whole text. After an
  // unfinished scan the whole text is scanned again: the edit may have removed what stopped it, and
  // a window alone could never clear the flag.
  #windowFor(snapshot) {
    if (!this.available || this.scannedGeneration < 0 || this.incomplete) return null;
    return planWindow(this.snapshot, snapshot);
  }

  #scheduleRetry(error) {
    if (!RETRIED_ERRORS.has(error) || this.retriesDone >= RETRY_DELAYS_MS.length) return;
    this.#cancelRetry();
    const delay = RETRY_DELAYS_MS[this.retriesDone];
    this.retriesDone += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.available && !this.debouncer.pending) this.#scanLatest();
    }, delay);
  }

  #cancelRetry() {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // Sends the whole text, or only the changed window of a large one (see incremental.js).
  async #request(snapshot, plan) {
    if (!snapshot.hasText() || plan?.unchanged) return emptyResponse(this.verdict);
    if (!plan) return this.scanText(snapshot.text);
    return this.scanText(snapshot.slice(plan.start, plan.end));
  }

  // Forgets the findings so the next scan covers the whole text (e.g. after the allowlist changed).
  forgetFindings() {
    this.scannedGeneration = -1;
  }

  // The live text of a finding, to confirm it is still where the snapshot says.
  findingText(finding) {
    return this.snapshot ? this.snapshot.slice(finding.start, finding.end) : '';
  }

  // Replaces findings (at or above `level`, or the given ones) with placeholders, last first,
  // so earlier offsets stay valid. Returns how many were replaced.
  replaceFindings(findings, editing) {
    const original = this.snapshot;
    if (!original) return 0;
    let replaced = 0;
    for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
      const expected = original.slice(finding.start, finding.end);
      editing.settle(this);
      const current = this.model.build();
      if (current.slice(finding.start, finding.end) !== expected) continue; // edited since
      if (editing.replace(this, current, finding, placeholderFor(finding))) replaced += 1;
    }
    editing.settle(this);
    return replaced;
  }
}

// A window the host scans in well under a millisecond (about 11 ns per byte).
const SMALL_WINDOW_CHARS = 64 * 1024;

function isSmallWindow(plan) {
  return Boolean(plan) && (plan.unchanged || plan.end - plan.start <= SMALL_WINDOW_CHARS);
}

function emptyResponse(verdict) {
  return { ok: true, available: true, result: { findings: [], counts: {}, truncated: false, verdict } };
}
