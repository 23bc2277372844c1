// The content script of one frame: finds editors, scans them after a typing pause, paints
// highlights, and guards saves and pastes. Loaded by loader.js with import().
import { MSG } from '../common/messages.js';
import { loadPolicy, verdictFor } from '../common/policy-defaults.js';
import { mayNeedGate, countAtOrAbove } from '../common/decision.js';
import { categoryLabel } from '../common/dialog-model.js';
import { t } from '../common/i18n.js';
import { findEditors, adapterFor, createTextModel } from './adapters.js';
import { EditorSession } from './editor-session.js';
import { editing } from './editing.js';
import { HighlightPainter } from './highlights.js';
import { Allowlist } from './allowlist.js';
import { installHover } from './hover.js';
import { installSaveGuard } from './save-guard.js';
import { runGate } from './gate.js';
import { pageProduct } from './page-product.js';
import { loadScanTiming } from './scan-timing.js';
import { showUnavailableNotice, hideUnavailableNotice, showIncompleteNotice, hideIncompleteNotice, showPasteWarning } from '../ui/banners.js';
import { drawFieldRings } from '../ui/field-rings.js';

const DISCOVERY_DELAY_MS = 250;

export async function start(browserApi = globalThis.chrome) {
  const policy = await loadPolicy();
  const frame = new FrameController(document, window, browserApi, policy);
  await frame.start();
  return frame;
}

class FrameController {
  constructor(doc, win, browserApi, policy) {
    this.doc = doc;
    this.win = win;
    this.api = browserApi;
    this.policy = policy;
    this.isTop = win.top === win;
    this.sessions = new Map(); // element -> session
    this.painter = new HighlightPainter(doc);
    this.allowlist = new Allowlist(browserApi.storage.local);
    this.discoveryTimer = null;
    this.timing = null;
  }

  async start() {
    await this.allowlist.load().catch(() => {});
    this.timing = await loadScanTiming(this.api.storage.local);
    this.allowlist.watch(this.api.storage.onChanged, () => this.#rescanAll());
    this.api.runtime.onMessage.addListener((message, sender, respond) => this.#onMessage(message, respond));
    this.#discover();
    this.#observeDocument();
    this.#listenForInput();
    installHover({ doc: this.doc, painter: this.painter, describe: (item) => this.#describe(item) });
    installSaveGuard({
      win: this.win,
      needsGate: () => mayNeedGate(this.#verdict()),
      runGate: () => this.#gate(),
    });
    this.doc.addEventListener('paste', (event) => this.#onPaste(event), true);
    if (this.isTop) this.#reportFrame();
  }

  // ---- editors ----

  #discover() {
    for (const { element, adapter } of findEditors(this.doc)) this.#track(element, adapter);
    for (const [element, session] of this.sessions) {
      if (!element.isConnected) this.#untrack(session);
    }
  }

  #track(element, adapter) {
    if (this.sessions.has(element)) return this.sessions.get(element);
    const session = new EditorSession({
      element,
      adapter,
      model: createTextModel(element, adapter),
      scan: (text) => this.#scan(text),
      onResult: (changed, response) => this.#onResult(changed, response),
      filterFindings: (findings, snapshot) => this.allowlist.filter(findings, snapshot),
      timing: this.timing,
    });
    this.sessions.set(element, session);
    if (adapter.model === 'blocks') {
      const observer = new MutationObserver((records) => session.noteChange(records.map((record) => record.target)));
      observer.observe(element, { childList: true, subtree: true, characterData: true });
      session.observer = observer;
      session.drainMutations = () => {
        const records = observer.takeRecords();
        if (records.length) session.noteChange(records.map((record) => record.target));
      };
    }
    session.noteChange();
    return session;
  }

  #untrack(session) {
    session.observer?.disconnect();
    session.stop();
    this.painter.clear(session.id);
    this.sessions.delete(session.element);
    if (session.adapter.model === 'field') this.#drawRings(); // its ring goes with it
    this.#showIncomplete(); // its "could not finish" notice goes with it
    this.#reportFrame();
  }

  #sessionFor(node) {
    for (let current = node; current; current = current.parentNode ?? current.host) {
      const session = this.sessions.get(current);
      if (session) return session;
    }
    return null;
  }

  // New editors appear late (single-page apps); rediscover after DOM changes outside editors.
  #observeDocument() {
    const observer = new MutationObserver((records) => {
      if (records.every((record) => this.#sessionFor(record.target))) return;
      this.win.clearTimeout(this.discoveryTimer);
      this.discoveryTimer = this.win.setTimeout(() => this.#discover(), DISCOVERY_DELAY_MS);
    });
    observer.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['contenteditable'],
    });
  }

  #listenForInput() {
    this.doc.addEventListener(
      'input',
      (event) => {
        const session = this.#sessionFor(event.target);
        if (session?.adapter.model === 'field') session.noteChange();
      },
      true,
    );
    this.doc.addEventListener(
      'focusin',
      (event) => {
        const adapter = adapterFor(event.target);
        if (adapter && !this.#sessionFor(event.target)) this.#track(event.target, adapter);
      },
      true,
    );
    this.win.addEventListener('scroll', () => this.#drawRings(), { passive: true, capture: true });
    this.win.addEventListener('resize', () => this.#drawRings(), { passive: true });
  }

  #rescanAll() {
    for (const session of this.sessions.values()) {
      session.forgetFindings();
      session.noteChange();
    }
  }

  // ---- scanning ----

  async #scan(text) {
    try {
      return await this.api.runtime.sendMessage({
        type: MSG.SCAN,
        text,
        url: this.doc.location.href,
        product: pageProduct(this.doc),
      });
    } catch {
      return { ok: false, error: 'unavailable', available: false };
    }
  }

  #onResult(session, response) {
    this.#setAvailable(Boolean(response.ok));
    if (response.ok) this.#paint(session);
    this.#showIncomplete();
    this.#reportFrame();
  }

  // Says so while any editor of this frame was not scanned to its end.
  #showIncomplete() {
    const incomplete = [...this.sessions.values()].some((session) => session.incomplete);
    if (incomplete) showIncompleteNotice(this.doc, t);
    else hideIncompleteNotice();
  }

  #paint(session) {
    if (session.adapter.model === 'field') return this.#drawRings();
    const items = session.findings.map((finding) => ({
      finding,
      span: session.snapshot.toDomRange(finding.start, finding.end),
    }));
    this.painter.paint(session.id, items);
    return undefined;
  }

  #drawRings() {
    const fields = [...this.sessions.values()].filter((session) => session.adapter.model === 'field');
    drawFieldRings(this.doc, fields.map((session) => ({
      element: session.element,
      level: strongestLevel(session.warnFindings(this.policy.warnLevel)),
    })));
  }

  #warnCount() {
    let count = 0;
    for (const session of this.sessions.values()) count += session.warnFindings(this.policy.warnLevel).length;
    return count;
  }

  #reportFrame() {
    if (!this.isTop && !this.sessions.size) return;
    this.api.runtime
      .sendMessage({ type: MSG.FRAME_STATE, warnCount: this.#warnCount() })
      .then((reply) => {
        if (reply && reply.available === false) this.#setAvailable(false);
      })
      .catch(() => {});
  }

  #setAvailable(available) {
    if (!this.isTop) return;
    if (available) hideUnavailableNotice();
    else showUnavailableNotice(this.doc, t);
  }

  #verdict() {
    for (const session of this.sessions.values()) if (session.verdict) return session.verdict;
    return verdictFor(this.doc.location.href, this.policy);
  }

  // ---- messages from the worker ----

  #onMessage(message, respond) {
    const handlers = {
      [MSG.FLUSH_REPORT]: () => this.#flushReport(),
      [MSG.REPLACE_ALL]: () => this.#replaceAll(),
      [MSG.GATE_RUN]: () => this.#gate(),
      [MSG.HOST_STATUS]: () => this.#onHostStatus(message.available),
    };
    const handler = handlers[message?.type];
    if (!handler) return false;
    Promise.resolve(handler()).then(respond, () => respond({ ok: false }));
    return true;
  }

  async #flushReport() {
    const sessions = [...this.sessions.values()].filter((session) => session.element.isConnected);
    await Promise.all(sessions.map((session) => session.flush()));
    return {
      ok: true,
      findings: sessions.flatMap((session) =>
        session.findings.map((finding) => ({ category: finding.category, confidence: finding.confidence })),
      ),
      // For the audit record only: the host hashes each value and keeps the hash.
      matches: sessions.flatMap((session) =>
        session.warnFindings(this.policy.warnLevel).map((finding) => ({
          rule: finding.rule,
          value: session.findingText(finding) ?? '',
        })),
      ),
      verdict: sessions.find((session) => session.verdict)?.verdict ?? null,
      available: sessions.every((session) => session.available),
      incomplete: sessions.some((session) => session.incomplete),
    };
  }

  #replaceAll() {
    let replaced = 0;
    for (const session of this.sessions.values()) {
      replaced += session.replaceFindings(session.warnFindings(this.policy.warnLevel), editing);
    }
    return { ok: true, replaced };
  }

  #onHostStatus(available) {
    this.#setAvailable(available);
    if (available) {
      for (const session of this.sessions.values()) if (!session.available) session.noteChange();
    }
    return { ok: true };
  }

  // ---- saving and pasting ----

  #gate() {
    if (!this.isTop) {
      return this.api.runtime.sendMessage({ type: MSG.GATE_FORWARD }).catch(() => ({ proceed: false }));
    }
    return runGate({
      doc: this.doc,
      url: this.doc.location.href,
      send: (message) => this.api.runtime.sendMessage(message),
      t,
    });
  }

  async #onPaste(event) {
    const session = this.#sessionFor(event.target);
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!session || !text.trim() || !mayNeedGate(this.#verdict())) return;
    const response = await this.#scan(text);
    if (!response.ok) return;
    const counts = countAtOrAbove(response.result.findings, this.policy.warnLevel);
    if (!Object.keys(counts).length || !mayNeedGate(response.result.verdict)) return;
    const summary = Object.entries(counts)
      .map(([category, count]) => `${categoryLabel(category, t)} (${count})`)
      .join(', ');
    showPasteWarning(this.doc, t, summary, () => editing.undo(session.element));
  }

  // ---- the finding card ----

  #describe(item) {
    const { finding } = item;
    const session = [...this.sessions.values()].find((candidate) => candidate.id === item.editorId);
    const actions = [];
    if (this.policy.userAllowlist) {
      actions.push({ label: t('cardNotPhi'), run: () => this.#markNotPhi(session, finding) });
    }
    actions.push({ label: t('cardReplace'), run: () => session.replaceFindings([finding], editing) });
    return {
      title: categoryLabel(finding.category, t),
      meta: t('cardMeta', [t(`confidence_${finding.confidence}`), finding.hipaa ?? '?']),
      why: finding.why ?? '',
      confidence: finding.confidence,
      actions,
    };
  }

  async #markNotPhi(session, finding) {
    const text = session.findingText(finding);
    if (!text) return;
    await this.allowlist.add(text);
    this.api.runtime
      .sendMessage({ type: MSG.AUDIT, event: 'not_phi_marked', url: this.doc.location.href, matches: [{ rule: finding.rule, value: text }] })
      .catch(() => {});
    this.#rescanAll();
  }
}

function strongestLevel(findings) {
  if (findings.some((finding) => finding.confidence === 'high')) return 'high';
  return findings.length ? 'medium' : null;
}
