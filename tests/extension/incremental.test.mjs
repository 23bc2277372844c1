import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planWindow, mergeFindings, INCREMENTAL_MIN_CHARS } from '../../extension/src/content/incremental.js';

// A snapshot-like object from block entries (the identity of an entry = an unchanged block).
function snapshotOf(blocks) {
  const starts = [];
  let offset = 0;
  for (const block of blocks) {
    starts.push(offset);
    offset += block.text.length + 1;
  }
  const text = blocks.map((block) => block.text).join('\n');
  return { text, length: text.length, blocks, starts };
}

const filler = (n) => ({ text: `Paragraph ${n}: ${'ordinary operations text '.repeat(8)}` });
const blocks = Array.from({ length: 200 }, (_, n) => filler(n));

// What a full scan of `text` would report for "SSN ddd-dd-dddd".
function scan(text) {
  return [...text.matchAll(/SSN (\d{3}-\d{2}-\d{4})/g)].map((match) => ({
    start: match.index + 4, end: match.index + 4 + 11, category: 'ssn', confidence: 'high',
  }));
}

function incremental(previous, current, previousFindings) {
  const plan = planWindow(previous, current);
  assert.ok(plan && !plan.unchanged, 'a window is planned');
  const windowFindings = scan(current.text.slice(plan.start, plan.end));
  const merged = mergeFindings({ findings: previousFindings, incomplete: false }, { findings: windowFindings, incomplete: false }, plan);
  assert.equal(merged.incomplete, false);
  return { plan, findings: merged.findings };
}

test('small texts are always scanned whole', () => {
  const small = snapshotOf([{ text: 'short' }]);
  assert.equal(planWindow(small, snapshotOf([{ text: 'shorter' }])), null);
  assert.ok(snapshotOf(blocks).text.length > INCREMENTAL_MIN_CHARS);
});

test('no changed block: nothing to send', () => {
  const a = snapshotOf(blocks);
  assert.deepEqual(planWindow(a, snapshotOf([...blocks])), { unchanged: true });
});

test('editing one block sends a small window and gives the same findings as a full scan', () => {
  const withPhi = [...blocks];
  withPhi[20] = { text: `${blocks[20].text} SSN 512-44-6789` };
  withPhi[150] = { text: `${blocks[150].text} SSN 623-18-4402` };
  const before = snapshotOf(withPhi);
  const beforeFindings = scan(before.text);

  const edited = [...withPhi];
  edited[90] = { text: `${withPhi[90].text} and SSN 401-22-3344 typed now` };
  const after = snapshotOf(edited);
  const { plan, findings } = incremental(before, after, beforeFindings);
  assert.ok(plan.end - plan.start < 4000, `window of ${plan.end - plan.start} chars for a ${after.text.length}-char text`);
  assert.deepEqual(findings, scan(after.text));
});

test('inserting and removing blocks shifts the findings after them', () => {
  const withPhi = [...blocks];
  withPhi[180] = { text: `${blocks[180].text} SSN 512-44-6789` };
  const before = snapshotOf(withPhi);
  const inserted = [...withPhi.slice(0, 10), { text: 'A new paragraph.' }, { text: 'Another one.' }, ...withPhi.slice(10)];
  const after = snapshotOf(inserted);
  const first = incremental(before, after, scan(before.text));
  assert.deepEqual(first.findings, scan(after.text));

  const removed = [...inserted.slice(0, 50), ...inserted.slice(53)];
  const third = snapshotOf(removed);
  const second = incremental(after, third, first.findings);
  assert.deepEqual(second.findings, scan(third.text));
});

test('deleting the PHI removes its finding; a finding next to the edit is recomputed', () => {
  const withPhi = [...blocks];
  withPhi[100] = { text: 'SSN 512-44-6789' };
  const before = snapshotOf(withPhi);
  const cleared = [...withPhi];
  cleared[100] = { text: 'SSN removed' };
  const after = snapshotOf(cleared);
  assert.deepEqual(incremental(before, after, scan(before.text)).findings, []);
});

test('edits at the very start and the very end', () => {
  const before = snapshotOf(blocks);
  const atStart = snapshotOf([{ text: 'SSN 512-44-6789' }, ...blocks.slice(1)]);
  assert.deepEqual(incremental(before, atStart, []).findings, scan(atStart.text));
  const atEnd = snapshotOf([...blocks.slice(0, -1), { text: 'last SSN 623-18-4402' }]);
  assert.deepEqual(incremental(before, atEnd, []).findings, scan(atEnd.text));
});

test('an unfinished scan, before or in the window, leaves the merged scan unfinished', () => {
  const withPhi = [...blocks];
  withPhi[20] = { text: `${blocks[20].text} SSN 512-44-6789` };
  const before = snapshotOf(withPhi);
  const edited = [...withPhi];
  edited[90] = { text: `${withPhi[90].text} SSN 401-22-3344` };
  const after = snapshotOf(edited);
  const plan = planWindow(before, after);
  const windowFindings = scan(after.text.slice(plan.start, plan.end));
  const previous = scan(before.text);
  const merge = (previousIncomplete, windowIncomplete) =>
    mergeFindings({ findings: previous, incomplete: previousIncomplete }, { findings: windowFindings, incomplete: windowIncomplete }, plan);

  assert.equal(merge(true, false).incomplete, true, 'text the earlier scan never reached is still unchecked');
  assert.equal(merge(false, true).incomplete, true, 'the window itself was cut short');
  assert.equal(merge(true, true).incomplete, true);
  assert.equal(merge(false, false).incomplete, false);
  // The findings that did come back are kept either way.
  assert.deepEqual(merge(true, true).findings, scan(after.text));
});
