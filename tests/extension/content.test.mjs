import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { documentFrom } from './dom.mjs';
import { FakeTimers, flush } from './fakes.mjs';
import { findEditors, createTextModel } from '../../extension/src/content/adapters.js';
import { EditorSession, RETRY_DELAYS_MS, TYPING_PAUSE_MS } from '../../extension/src/content/editor-session.js';
import { Allowlist, digestOf, importKey, normaliseForAllowlist } from '../../extension/src/content/allowlist.js';
import { saveButtonFrom } from '../../extension/src/content/save-guard.js';
import { HighlightPainter } from '../../extension/src/content/highlights.js';

const CONFLUENCE_CLOUD = `
  <textarea data-testid="editor-title">Follow-up</textarea>
  <div class="ak-editor"><div class="ProseMirror" contenteditable="true"><p>Patient DOB: 03/14/1961</p><p>SSN 512-44-6789</p></div></div>
  <input type="search" value="">
  <input type="password" value="secret">
  <input type="hidden" value="x">
  <textarea disabled>old</textarea>`;

const JIRA = `
  <textarea name="summary">Call back</textarea>
  <div data-testid="issue.views.field.rich-text.description"><div class="ProseMirror" contenteditable="true"><p>desc</p></div></div>
  <div data-testid="issue.activity.comment"><div class="ProseMirror" contenteditable="true"><p>comment</p></div></div>`;

const TINYMCE_FRAME_BODY = '<body id="tinymce" class="mce-content-body" contenteditable="true"><p>Intake<br data-mce-bogus="1"></p></body>';

test('Confluence Cloud: title field and ProseMirror body; passwords, hidden and disabled fields are not watched', () => {
  const doc = documentFrom(CONFLUENCE_CLOUD);
  const kinds = findEditors(doc).map(({ adapter }) => adapter.kind);
  assert.deepEqual(kinds, ['confluence-title', 'confluence-cloud', 'field']);
  const body = findEditors(doc).find(({ adapter }) => adapter.kind === 'confluence-cloud');
  assert.equal(createTextModel(body.element, body.adapter).build().text, 'Patient DOB: 03/14/1961\nSSN 512-44-6789');
});

test('Jira: summary, description and comment editors', () => {
  const doc = documentFrom(JIRA);
  const found = findEditors(doc).map(({ element, adapter }) => [adapter.kind, createTextModel(element, adapter).build().text]);
  assert.deepEqual(found, [['jira-summary', 'Call back'], ['jira-rich-text', 'desc'], ['jira-rich-text', 'comment']]);
});

test('TinyMCE: the iframe body is the editor, bogus nodes are skipped', () => {
  const doc = documentFrom('');
  doc.documentElement.innerHTML = `<head></head>${TINYMCE_FRAME_BODY}`;
  const [editor] = findEditors(doc);
  assert.equal(editor.adapter.kind, 'tinymce');
  assert.equal(createTextModel(editor.element, editor.adapter).build().text, 'Intake');
});

test('generic: only the outermost contenteditable is an editor; contenteditable=false is not', () => {
  const doc = documentFrom('<div contenteditable="true"><p>a</p><div contenteditable="true">nested</div></div><div contenteditable="false">x</div>');
  const editors = findEditors(doc);
  assert.equal(editors.length, 1);
  assert.equal(editors[0].adapter.kind, 'contenteditable');
});

test('save buttons are found from any element inside them, by label or test id', () => {
  const doc = documentFrom(`
    <button id="a"><span>Publish</span></button>
    <div role="button" id="b" aria-label="Add comment"><svg></svg></div>
    <button id="c" data-testid="publish-button">✓</button>
    <button id="d">Cancel</button>
    <button id="e" disabled>Save</button>
    <input type="submit" id="f" value="Create">`);
  assert.equal(saveButtonFrom(doc.querySelector('#a span')).id, 'a');
  assert.equal(saveButtonFrom(doc.getElementById('b')).id, 'b');
  assert.equal(saveButtonFrom(doc.getElementById('c')).id, 'c');
  assert.equal(saveButtonFrom(doc.getElementById('d')), null);
  assert.equal(saveButtonFrom(doc.getElementById('e')), null);
  assert.equal(saveButtonFrom(doc.getElementById('f')).id, 'f');
});

function sessionFor(doc, scan, timers, filterFindings = undefined) {
  const [editor] = findEditors(doc).filter(({ adapter }) => adapter.model === 'blocks');
  const results = [];
  const session = new EditorSession({
    element: editor.element,
    adapter: editor.adapter,
    model: createTextModel(editor.element, editor.adapter),
    scan,
    onResult: (changed, response) => results.push(response),
    timers,
    now: () => timers.now,
    ...(filterFindings ? { filterFindings } : {}),
  });
  return { session, results, element: editor.element };
}

const resultFor = (text) => ({
  ok: true,
  result: {
    findings: text.includes('512-44-6789')
      ? [{ start: text.indexOf('512-44-6789'), end: text.indexOf('512-44-6789') + 11, category: 'ssn', confidence: 'high', rule: 'ssn.formatted' }]
      : [],
    verdict: { covered: false, action: 'warn' },
  },
});

test('a change to a quiet editor is scanned at once; a burst of typing after a pause, with the latest text', async () => {
  const timers = new FakeTimers();
  const sent = [];
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN</p></div>');
  const { session } = sessionFor(doc, async (text) => { sent.push(text); return resultFor(text); }, timers);
  const textNode = doc.getElementById('p').firstChild;
  textNode.data = 'SSN 5';
  session.noteChange([textNode]);
  await flush();
  assert.deepEqual(sent, ['SSN 5'], 'the first keystroke after a quiet spell');
  for (const typed of ['SSN 512-44', 'SSN 512-44-6789']) {
    textNode.data = typed;
    session.noteChange([textNode]);
    timers.advance(TYPING_PAUSE_MS - 10);
  }
  await flush();
  assert.deepEqual(sent, ['SSN 5'], 'nothing more is sent while typing');
  timers.advance(10);
  await flush();
  assert.deepEqual(sent, ['SSN 5', 'SSN 512-44-6789']);
  assert.equal(session.findings.length, 1);
  assert.equal(session.warnFindings('medium').length, 1);
  assert.equal(session.findingText(session.findings[0]), '512-44-6789');
});

test('an unfinished scan keeps its findings, marks the editor, and the next scan covers the whole text again', async () => {
  const timers = new FakeTimers();
  const paragraphs = Array.from({ length: 400 }, (_, n) => `<p id="p${n}">Paragraph ${n} of ordinary operations text.</p>`).join('');
  const doc = documentFrom(`<div class="ProseMirror" contenteditable="true">${paragraphs}<p id="last">SSN 512-44-6789</p></div>`);
  const sent = [];
  let hostFinishes = false;
  const { session } = sessionFor(doc, async (text) => {
    sent.push(text);
    const response = resultFor(text);
    response.result.incomplete = !hostFinishes;
    return response;
  }, timers);
  session.noteChange();
  timers.advance(TYPING_PAUSE_MS);
  await flush();
  assert.equal(sent.length, 1);
  assert.equal(session.incomplete, true);
  assert.equal(session.findings.length, 1, 'the findings that came back are kept');

  hostFinishes = true;
  const edited = doc.getElementById('p200').firstChild;
  edited.data += ' more';
  session.noteChange([edited]);
  timers.advance(TYPING_PAUSE_MS);
  await flush();
  assert.equal(sent.length, 2);
  assert.equal(sent[1].length, sent[0].length + 5, 'the whole text, not a window');
  assert.equal(session.incomplete, false);
  assert.equal(session.findings.length, 1);
});

test('a scan that failed for want of the host is retried with growing pauses, a bounded number of times', async () => {
  const timers = new FakeTimers();
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN 512-44-6789</p></div>');
  const sentAt = [];
  let hostBackAt = Infinity;
  const { session } = sessionFor(doc, async (text) => {
    sentAt.push(timers.now);
    if (timers.now < hostBackAt) return { ok: false, error: sentAt.length % 2 ? 'timeout' : 'unavailable', available: false };
    return resultFor(text);
  }, timers);
  const runFor = async (ms) => {
    for (let elapsed = 0; elapsed < ms; elapsed += 100) {
      timers.advance(100);
      await flush();
    }
  };
  session.noteChange();
  await runFor(60_000);
  const pauses = sentAt.slice(1).map((at, index) => at - sentAt[index]);
  // Each retry follows its pause (plus up to one 100 ms step of this test's clock), then they stop.
  assert.equal(pauses.length, RETRY_DELAYS_MS.length, 'a bounded number of retries, not an endless loop');
  pauses.forEach((pause, i) => assert.ok(pause >= RETRY_DELAYS_MS[i] && pause <= RETRY_DELAYS_MS[i] + 100, `pause ${i}: ${pause} ms`));
  assert.equal(session.available, false);
  // Typing again earns new retries; the host answers the third one and the findings arrive.
  sentAt.length = 0;
  hostBackAt = timers.now + 1000;
  session.noteChange();
  await runFor(5000);
  assert.equal(sentAt.length, 3, 'scan, retry after 0.5 s (host still down), retry after 1 s (host back)');
  assert.equal(session.available, true);
  assert.equal(session.findings.length, 1);
  await runFor(60_000);
  assert.equal(sentAt.length, 3, 'no retry once the scan succeeded');
});

test('a host error that retrying cannot fix (e.g. too_large) is not retried', async () => {
  const timers = new FakeTimers();
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN 512-44-6789</p></div>');
  let sent = 0;
  const { session } = sessionFor(doc, async () => { sent += 1; return { ok: false, error: 'too_large', available: true }; }, timers);
  session.noteChange();
  for (let i = 0; i < 400; i += 1) {
    timers.advance(100);
    await flush();
  }
  assert.equal(sent, 1);
});

test('a result for text that changed meanwhile is dropped; flush() waits for the current text', async () => {
  const timers = new FakeTimers();
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN 512-44-6789</p></div>');
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const sent = [];
  const { session } = sessionFor(doc, async (text) => {
    sent.push(text);
    if (sent.length === 1) await gate;
    return resultFor(text);
  }, timers);
  session.noteChange();
  await Promise.resolve(); // first scan starts at once (a quiet editor) and hangs
  timers.advance(150);
  const textNode = doc.getElementById('p').firstChild;
  textNode.data = 'all clear';
  session.noteChange([textNode]);
  const flushed = session.flush();
  release();
  await flushed;
  assert.deepEqual(sent, ['SSN 512-44-6789', 'all clear']);
  assert.equal(session.findings.length, 0, 'the stale SSN result was not applied');
  assert.equal(session.available, true);
});

test('a small window of newer text does not queue behind a stale scan in flight; a whole-text scan does', async () => {
  const timers = new FakeTimers();
  const paragraphs = Array.from({ length: 400 }, (_, n) => `<p id="p${n}">Paragraph ${n} of ordinary operations text.</p>`).join('');
  const doc = documentFrom(`<div class="ProseMirror" contenteditable="true">${paragraphs}</div>`);
  const sent = [];
  const held = [];
  let hold = false;
  const { session } = sessionFor(doc, (text) => {
    sent.push(text);
    if (hold) return new Promise((resolve) => held.push(() => resolve(resultFor(text))));
    return Promise.resolve(resultFor(text));
  }, timers);
  const typeAfterPause = async (id, extra) => {
    timers.advance(TYPING_PAUSE_MS);
    const node = doc.getElementById(id).firstChild;
    node.data += extra;
    session.noteChange([node]);
    await flush();
  };
  session.noteChange();
  await flush();
  assert.equal(sent.length, 1, 'the first scan sends the whole text');

  hold = true;
  await typeAfterPause('p10', ' edited');
  assert.equal(sent.length, 2, 'a window, held by the host');
  hold = false;
  await typeAfterPause('p12', ' SSN 512-44-6789');
  assert.equal(sent.length, 3, 'sent while the stale window is still in flight');
  assert.ok(sent[2].length < sent[0].length / 2, 'a window, not the whole text');
  assert.equal(session.findings.length, 1);
  assert.equal(session.findingText(session.findings[0]), '512-44-6789');
  held.shift()();
  await flush();
  assert.equal(session.findings.length, 1, 'the stale result was dropped');
  assert.equal(session.findingText(session.findings[0]), '512-44-6789');

  // A whole-text scan (the findings forgotten, e.g. after the allowlist changed) waits for the one in flight.
  hold = true;
  await typeAfterPause('p20', ' again');
  assert.equal(sent.length, 4);
  hold = false;
  session.forgetFindings();
  await typeAfterPause('p30', ' more');
  assert.equal(sent.length, 4, 'queued behind the scan in flight');
  held.shift()();
  await flush();
  assert.equal(sent.length, 5);
  assert.equal(sent[4].length, doc.querySelector('.ProseMirror').textContent.length + 399, 'the whole text, lines joined');
  assert.equal(session.findings.length, 1);
});

test('a stale scan still in the allowlist filter does not overwrite a newer result applied meanwhile', async () => {
  const timers = new FakeTimers();
  const paragraphs = Array.from({ length: 400 }, (_, n) => `<p id="p${n}">Paragraph ${n} of ordinary operations text.</p>`).join('');
  const doc = documentFrom(`<div class="ProseMirror" contenteditable="true">${paragraphs}</div>`);
  const heldFilters = [];
  let holdFilter = false;
  const filter = (findings) => (holdFilter ? new Promise((resolve) => heldFilters.push(() => resolve(findings))) : Promise.resolve(findings));
  const { session } = sessionFor(doc, async (text) => resultFor(text), timers, filter);
  session.noteChange();
  await flush();
  const node = doc.getElementById('p10').firstChild;
  const editAfterPause = async (text) => {
    timers.advance(TYPING_PAUSE_MS);
    node.data = text;
    session.noteChange([node]);
    await flush();
  };
  holdFilter = true;
  await editAfterPause('Paragraph 10 SSN 512-44-6789');
  assert.equal(heldFilters.length, 1, 'the SSN window waits in the filter');
  holdFilter = false;
  await editAfterPause('Paragraph 10 all clear.');
  assert.equal(session.findings.length, 0, 'the newer window, without the SSN, is applied');
  heldFilters.shift()();
  await flush();
  assert.equal(session.findings.length, 0, 'the stale SSN result was dropped after its filter');
  assert.equal(session.findingText({ start: 0, end: 9 }), 'Paragraph');
});

test('a failed scan marks the editor unavailable until a scan succeeds', async () => {
  const timers = new FakeTimers();
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p>SSN 512-44-6789</p></div>');
  let up = false;
  const { session } = sessionFor(doc, async (text) => (up ? resultFor(text) : { ok: false, error: 'unavailable' }), timers);
  session.noteChange();
  await session.flush();
  assert.equal(session.available, false);
  up = true;
  await session.flush();
  assert.equal(session.available, true);
  assert.equal(session.findings.length, 1);
});

test('empty editors are not sent to the host', async () => {
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p>  </p></div>');
  let calls = 0;
  const { session } = sessionFor(doc, async () => { calls += 1; return resultFor(''); }, new FakeTimers());
  session.noteChange();
  await session.flush();
  assert.equal(calls, 0);
  assert.equal(session.available, true);
});

test('replaceFindings replaces last first and skips text edited since the scan', async () => {
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN 512-44-6789 and 512-44-6789</p></div>');
  const scan = async (text) => ({
    ok: true,
    result: { findings: [{ start: 4, end: 15, category: 'ssn', confidence: 'high' }, { start: 20, end: 31, category: 'ssn', confidence: 'high' }] },
  });
  const { session } = sessionFor(doc, scan, new FakeTimers());
  session.noteChange();
  await session.flush();
  const order = [];
  const editing = {
    settle: () => {},
    replace: (changed, snapshot, finding, placeholder) => {
      order.push([finding.start, placeholder]);
      const node = doc.getElementById('p').firstChild;
      node.data = node.data.slice(0, finding.start) + placeholder + node.data.slice(finding.end);
      session.model.invalidate(node);
      return true;
    },
  };
  assert.equal(session.replaceFindings(session.findings, editing), 2);
  assert.deepEqual(order, [[20, '[SSN]'], [4, '[SSN]']]);
  assert.equal(doc.getElementById('p').firstChild.data, 'SSN [SSN] and [SSN]');
  // Replacing again finds different text at those offsets and does nothing.
  assert.equal(session.replaceFindings(session.findings, editing), 0);
});

test('the allowlist stores digests only, and filters the findings the user marked "Not PHI"', async () => {
  const stored = {};
  const storage = { get: async (key) => ({ [key]: stored[key] }), set: async (items) => Object.assign(stored, items) };
  const allowlist = new Allowlist(storage, webcrypto);
  await allowlist.load();
  const text = 'Dr. House Clinic main line (503) 555-0100';
  const start = text.indexOf('(503)');
  const findings = [{ start, end: start + 14, category: 'phone', confidence: 'high' }];
  assert.deepEqual(await allowlist.filter(findings, text), findings);
  await allowlist.add('(503)  555-0100 ');
  assert.deepEqual(await allowlist.filter(findings, text), []);
  const saved = JSON.stringify(stored);
  // Needles with characters no hex digest or base64 key holds: a bare "555" turns up in random digests.
  for (const needle of ['555-0100', '(503)', 'House']) assert.ok(!saved.includes(needle), 'no text in storage');
  const key = await importKey(stored.allowlistKey, webcrypto.subtle);
  assert.equal(stored.allowlistDigests[0], await digestOf('(503) 555-0100', key, webcrypto.subtle));
  assert.equal(normaliseForAllowlist('  A  b '), 'a b');
});

// A document whose highlight registry records every range added to or deleted from a highlight.
function paintableDocument(html) {
  const doc = documentFrom(html);
  const log = { added: [], deleted: [] };
  doc.defaultView.Highlight = class extends Set {
    add(range) { log.added.push(range); return super.add(range); }
    delete(range) { log.deleted.push(range); return super.delete(range); }
  };
  doc.defaultView.CSS = { highlights: new Map() };
  // linkedom's Range has no setStart/setEnd: a plain one with the members the painter reads.
  doc.createRange = () => ({
    setStart(node, offset) { this.startContainer = node; this.startOffset = offset; },
    setEnd(node, offset) { this.endContainer = node; this.endOffset = offset; },
    get collapsed() { return this.startContainer === this.endContainer && this.startOffset === this.endOffset; },
  });
  return { doc, log };
}

test('the painter touches only what changed: unchanged findings keep their live ranges', () => {
  const { doc, log } = paintableDocument('<p>SSN 512-44-6789 and MRN 4471203</p>');
  const text = doc.querySelector('p').firstChild;
  const span = (start, end) => ({ startNode: text, startOffset: start, endNode: text, endOffset: end });
  const ssn = { finding: { confidence: 'high', rule: 'ssn.formatted' }, span: span(4, 15) };
  const mrn = { finding: { confidence: 'medium', rule: 'mrn.keyword' }, span: span(24, 31) };
  const painter = new HighlightPainter(doc);
  const first = painter.paint('body', [ssn, mrn]);
  assert.equal(log.added.length, 2);

  const again = painter.paint('body', [ssn, mrn]);
  assert.equal(log.added.length, 2, 'nothing re-added');
  assert.equal(log.deleted.length, 0, 'nothing deleted');
  assert.equal(again[0].range, first[0].range);

  const moved = painter.paint('body', [ssn, { ...mrn, span: span(25, 31) }]);
  assert.equal(log.added.length, 3);
  assert.deepEqual(log.deleted, [first[1].range]);
  assert.equal(moved[0].range, first[0].range);

  const raised = painter.paint('body', [{ ...ssn, finding: { ...ssn.finding, confidence: 'medium' } }]);
  assert.equal(log.added.length, 4, 'a new level is a new highlight');
  assert.equal(log.deleted.length, 3, 'the old level and the dropped finding go');
  assert.equal(raised.length, 1);
});

test('scan timing (the latency benchmark\'s breakdown) is off unless storage turns it on, and records numbers only', async () => {
  const { loadScanTiming, createScanTiming, SCAN_MEASURE } = await import('../../extension/src/content/scan-timing.js');
  assert.equal(await loadScanTiming({ get: async () => ({}) }), null);
  assert.equal(await loadScanTiming({ get: async () => { throw new Error('no storage'); } }), null);
  assert.ok(await loadScanTiming({ get: async () => ({ scanTiming: true }) }));

  const measures = [];
  let now = 100;
  const perf = { now: () => (now += 1), timeOrigin: 1000, measure: (name, options) => measures.push({ name, ...options }) };
  const timers = new FakeTimers();
  const doc = documentFrom('<div class="ProseMirror" contenteditable="true"><p id="p">SSN 512-44-6789</p></div>');
  const [editor] = findEditors(doc).filter(({ adapter }) => adapter.model === 'blocks');
  const session = new EditorSession({
    element: editor.element,
    adapter: editor.adapter,
    model: createTextModel(editor.element, editor.adapter),
    scan: async (text) => ({ ...resultFor(text), timing: { received: 1200, replied: 1210, hostUs: 250 } }),
    onResult: () => {},
    timers,
    now: () => timers.now,
    timing: createScanTiming(perf),
  });
  session.noteChange();
  timers.advance(TYPING_PAUSE_MS);
  await flush();
  assert.equal(measures.length, 1);
  const { name, detail } = measures[0];
  assert.equal(name, SCAN_MEASURE);
  for (const stage of ['fired', 'started', 'built', 'planned', 'answered', 'merged', 'filtered', 'done']) assert.equal(typeof detail[stage], 'number', stage);
  assert.ok(detail.fired < detail.built && detail.built < detail.answered && detail.answered < detail.done);
  assert.deepEqual([detail.workerReceived, detail.workerReplied, detail.hostUs], [200, 210, 250]);
  assert.ok(Object.values(detail).every((value) => typeof value === 'number'), 'no text in the record');
});
