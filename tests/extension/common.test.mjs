import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSave, countAtOrAbove, mayNeedGate } from '../../extension/src/common/decision.js';
import { buildSaveDialog, isJustificationValid, nextFocusIndex } from '../../extension/src/common/dialog-model.js';
import { placeholderFor } from '../../extension/src/common/placeholders.js';
import { isSaveLabel, isSaveShortcut, isSaveTestId } from '../../extension/src/common/save-triggers.js';
import { atOrAbove } from '../../extension/src/common/confidence.js';
import { DEFAULT_POLICY, verdictFor } from '../../extension/src/common/policy-defaults.js';
import { workspaceMatchPattern, contentScriptFor } from '../../extension/src/common/content-script-spec.js';
import { createDebouncer } from '../../extension/src/common/debounce.js';
import { FakeTimers } from './fakes.mjs';

const ssn = { category: 'ssn', confidence: 'high', rule: 'ssn.formatted' };
const date = { category: 'date', confidence: 'medium', rule: 'date.birth' };
const weakName = { category: 'name', confidence: 'low', rule: 'name.dictionary' };
const uncovered = verdictFor('https://clinic.atlassian.net/wiki/x');
const t = (key, subs) => (subs ? `${key}:${subs.join(',')}` : key);

test('until policy exists every workspace is uncovered, action warn, fail mode warn', () => {
  assert.deepEqual(uncovered, { workspace: 'https://clinic.atlassian.net', covered: false, action: 'warn', matched_entry: null });
  assert.equal(DEFAULT_POLICY.failMode, 'warn');
  assert.equal(DEFAULT_POLICY.warnLevel, 'medium');
});

test('confidence ordering', () => {
  assert.ok(atOrAbove('high', 'medium'));
  assert.ok(atOrAbove('medium', 'medium'));
  assert.ok(!atOrAbove('low', 'medium'));
  assert.ok(!atOrAbove('bogus', 'low'));
});

test('findings at or above the warn level in an uncovered workspace open the dialog, with an override', () => {
  const decision = decideSave({ findings: [ssn, date, weakName], verdict: uncovered, policy: DEFAULT_POLICY, scannerAvailable: true });
  assert.deepEqual(decision, { kind: 'findings', canOverride: true, counts: { ssn: 1, date: 1 } });
});

test('low-confidence findings alone do not stop a save', () => {
  const decision = decideSave({ findings: [weakName], verdict: uncovered, policy: DEFAULT_POLICY, scannerAvailable: true });
  assert.deepEqual(decision, { kind: 'allow' });
});

test('a covered workspace, or verdict action "allow", never stops a save', () => {
  const covered = { ...uncovered, covered: true };
  assert.equal(decideSave({ findings: [ssn], verdict: covered, policy: DEFAULT_POLICY, scannerAvailable: true }).kind, 'allow');
  assert.equal(decideSave({ findings: [ssn], verdict: covered, policy: DEFAULT_POLICY, scannerAvailable: false }).kind, 'allow');
  assert.equal(mayNeedGate(covered), false);
  assert.equal(mayNeedGate(uncovered), true);
});

test('a host verdict with action "block" takes the override away', () => {
  const decision = decideSave({ findings: [ssn], verdict: { ...uncovered, action: 'block' }, policy: DEFAULT_POLICY, scannerAvailable: true });
  assert.equal(decision.canOverride, false);
});

test('scanner unavailable follows the fail mode: warn lets the user override, block does not, open allows', () => {
  const facts = { findings: [], verdict: uncovered, scannerAvailable: false };
  assert.deepEqual(decideSave({ ...facts, policy: DEFAULT_POLICY }), { kind: 'unavailable', canOverride: true, counts: {} });
  assert.equal(decideSave({ ...facts, policy: { ...DEFAULT_POLICY, failMode: 'block' } }).canOverride, false);
  assert.equal(decideSave({ ...facts, policy: { ...DEFAULT_POLICY, failMode: 'open' } }).kind, 'allow');
});

test('an unfinished scan follows the fail mode unless its findings call for something stricter', () => {
  const clean = { findings: [weakName], verdict: uncovered, scannerAvailable: true, scanIncomplete: true };
  const policy = (failMode) => ({ ...DEFAULT_POLICY, failMode });
  // No findings: exactly what an unavailable scanner gets, marked as unfinished.
  assert.deepEqual(decideSave({ ...clean, policy: policy('warn') }), { kind: 'unavailable', canOverride: true, counts: {}, incomplete: true });
  assert.deepEqual(decideSave({ ...clean, policy: policy('block') }), { kind: 'unavailable', canOverride: false, counts: {}, incomplete: true });
  assert.deepEqual(decideSave({ ...clean, policy: policy('open') }), { kind: 'allow' });
  // The same facts from a finished scan are clean.
  assert.deepEqual(decideSave({ ...clean, scanIncomplete: false, policy: policy('block') }), { kind: 'allow' });

  // With findings: they are shown, and the stricter of the two decides whether the user may override.
  const found = { ...clean, findings: [ssn, weakName] };
  assert.deepEqual(decideSave({ ...found, policy: policy('warn') }), { kind: 'findings', canOverride: true, counts: { ssn: 1 }, incomplete: true });
  assert.deepEqual(decideSave({ ...found, policy: policy('block') }), { kind: 'findings', canOverride: false, counts: { ssn: 1 }, incomplete: true });
  assert.deepEqual(decideSave({ ...found, policy: policy('open') }), { kind: 'findings', canOverride: true, counts: { ssn: 1 } });
  const blockedVerdict = { ...found, verdict: { ...uncovered, action: 'block' } };
  assert.equal(decideSave({ ...blockedVerdict, policy: policy('open') }).canOverride, false, 'fail mode open never loosens a block');
  assert.equal(decideSave({ ...blockedVerdict, policy: policy('warn') }).canOverride, false);
  // A covered workspace stays quiet whatever the scan.
  assert.deepEqual(decideSave({ ...found, verdict: { ...uncovered, covered: true }, policy: policy('block') }), { kind: 'allow' });
});

test('the dialog says the page could not be scanned to its end', () => {
  const unfinished = buildSaveDialog({ kind: 'unavailable', canOverride: true, counts: {}, incomplete: true }, t);
  assert.equal(unfinished.title, 'dialogIncompleteTitle');
  assert.equal(unfinished.body, 'dialogIncompleteBody');
  assert.equal(unfinished.incompleteNote, null, 'the body already says it');
  const partial = buildSaveDialog({ kind: 'findings', canOverride: false, counts: { ssn: 1 }, incomplete: true }, t);
  assert.equal(partial.title, 'dialogFindingsTitle');
  assert.equal(partial.incompleteNote, 'dialogIncompleteNote');
  assert.deepEqual(partial.buttons.map((button) => button.action), ['back', 'replace']);
  assert.equal(buildSaveDialog({ kind: 'findings', canOverride: true, counts: { ssn: 1 } }, t).incompleteNote, null);
});

test('countAtOrAbove counts by category', () => {
  assert.deepEqual(countAtOrAbove([ssn, ssn, date, weakName], 'low'), { ssn: 2, date: 1, name: 1 });
});

test('the dialog model: groups by count, default "back", override only when allowed', () => {
  const model = buildSaveDialog({ kind: 'findings', canOverride: true, counts: { date: 1, ssn: 2 } }, t);
  assert.deepEqual(model.groups.map((group) => [group.category, group.count]), [['ssn', 2], ['date', 1]]);
  assert.equal(model.total, 3);
  assert.deepEqual(model.buttons.map((button) => button.action), ['back', 'replace', 'override']);
  assert.equal(model.defaultAction, 'back');
  assert.equal(model.blockedNote, null);

  const blocked = buildSaveDialog({ kind: 'findings', canOverride: false, counts: { ssn: 1 } }, t);
  assert.deepEqual(blocked.buttons.map((button) => button.action), ['back', 'replace']);
  assert.equal(blocked.blockedNote, 'dialogBlockedNote');

  const unavailable = buildSaveDialog({ kind: 'unavailable', canOverride: true, counts: {} }, t);
  assert.deepEqual(unavailable.buttons.map((button) => button.action), ['back', 'override']);
  assert.equal(unavailable.title, 'dialogUnavailableTitle');
});

test('a justification must say something', () => {
  assert.ok(!isJustificationValid(''));
  assert.ok(!isJustificationValid('  ok  '));
  assert.ok(isJustificationValid('training data'));
});

test('the focus trap cycles both ways', () => {
  assert.equal(nextFocusIndex(3, 2, false), 0);
  assert.equal(nextFocusIndex(3, 0, true), 2);
  assert.equal(nextFocusIndex(3, -1, false), 0);
  assert.equal(nextFocusIndex(3, -1, true), 2);
  assert.equal(nextFocusIndex(0, 0, false), -1);
});

test('placeholders by rule, then by category', () => {
  assert.equal(placeholderFor({ rule: 'date.birth', category: 'date' }), '[DATE OF BIRTH]');
  assert.equal(placeholderFor({ rule: 'age.over_89', category: 'age', placeholder: '[90 OR OLDER]' }), '[90 OR OLDER]');
  assert.equal(placeholderFor({ rule: 'date.admission', category: 'date' }), '[DATE]');
  assert.equal(placeholderFor({ rule: 'name.patient', category: 'name' }), '[PATIENT NAME]');
  assert.equal(placeholderFor(ssn), '[SSN]');
  assert.equal(placeholderFor({ rule: 'x', category: 'unheard-of' }), '[IDENTIFIER]');
});

test('save buttons and shortcuts', () => {
  for (const label of ['Publish', 'Update', 'Save', ' save ', 'Create', 'Add comment', 'Add  comment']) assert.ok(isSaveLabel(label), label);
  for (const label of ['Cancel', 'Close', 'Save as template draft', 'Publishing guide', '']) assert.ok(!isSaveLabel(label), label);
  assert.ok(isSaveTestId('publish-button'));
  assert.ok(isSaveTestId('comment-save-button'));
  assert.ok(!isSaveTestId('unpublished-banner'));
  assert.ok(isSaveShortcut({ key: 's', ctrlKey: true }));
  assert.ok(isSaveShortcut({ key: 'S', metaKey: true }));
  assert.ok(isSaveShortcut({ key: 'Enter', ctrlKey: true }));
  assert.ok(!isSaveShortcut({ key: 's' }));
  assert.ok(!isSaveShortcut({ key: 's', ctrlKey: true, altKey: true }));
  assert.ok(!isSaveShortcut({ key: 'z', ctrlKey: true }));
});

test('policy workspace entries become match patterns', () => {
  assert.equal(workspaceMatchPattern('wiki.clinic.example'), 'https://wiki.clinic.example/*');
  assert.equal(workspaceMatchPattern('https://jira.clinic.example/'), 'https://jira.clinic.example/*');
  assert.equal(workspaceMatchPattern('https://intranet.clinic.example/confluence'), 'https://intranet.clinic.example/confluence/*');
  assert.equal(workspaceMatchPattern('*://docs.clinic.example/*'), '*://docs.clinic.example/*');
  assert.equal(workspaceMatchPattern('ftp://x'), null);
  assert.equal(workspaceMatchPattern(''), null);
  const spec = contentScriptFor(['https://*.atlassian.net/*']);
  assert.equal(spec.all_frames, true);
  assert.equal(spec.match_about_blank, true);
});

test('the debouncer waits for a pause, restarts on each call, and can be flushed', () => {
  const timers = new FakeTimers();
  let runs = 0;
  const debouncer = createDebouncer(() => { runs += 1; }, 150, timers);
  debouncer.schedule();
  timers.advance(100);
  debouncer.schedule(); // another keystroke
  timers.advance(100);
  assert.equal(runs, 0);
  timers.advance(50);
  assert.equal(runs, 1);
  debouncer.schedule();
  assert.equal(debouncer.flush(), true);
  assert.equal(runs, 2);
  assert.equal(debouncer.flush(), false);
  timers.advance(1000);
  assert.equal(runs, 2, 'a flushed action does not run again');
});

test('a leading debouncer runs at once after a quiet spell; a burst still waits for the pause', async () => {
  const timers = new FakeTimers();
  let runs = 0;
  const debouncer = createDebouncer(() => { runs += 1; }, 50, timers, { leading: true, now: () => timers.now });
  debouncer.schedule();
  debouncer.schedule(); // the same keystroke's second batch of changes joins the run already due
  assert.equal(runs, 0, "not inside the caller: the editor's own handlers run first");
  await Promise.resolve();
  assert.equal(runs, 1, 'the first change after a quiet spell runs in a microtask, before any timer');
  timers.advance(20);
  debouncer.schedule(); // typing on, 20 ms later
  timers.advance(30);
  debouncer.schedule(); // and 30 ms after that
  timers.advance(49);
  await Promise.resolve();
  assert.equal(runs, 1, 'a burst waits for the pause');
  timers.advance(1);
  assert.equal(runs, 2);
  timers.advance(80);
  debouncer.schedule(); // a keystroke after a pause longer than 50 ms (slow typing, or a slow editor)
  assert.equal(debouncer.pending, true);
  debouncer.cancel();
  await Promise.resolve();
  assert.equal(runs, 2, 'a cancelled run does not happen');
  timers.advance(80);
  debouncer.schedule();
  assert.equal(debouncer.flush(), true);
  assert.equal(runs, 3);
  await Promise.resolve();
  assert.equal(runs, 3, 'a flushed run does not happen twice');
});
