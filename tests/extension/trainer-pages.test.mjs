// The trainer sandbox's, popup's and options page's logic, and their strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SAFE_HARBOR_LETTERS, explainFinding, letterOf, remedyFor, simulatedVerdict, tallyByIdentifier,
} from '../../extension/src/sandbox/explain.js';
import { SCENARIOS, scenarioById } from '../../extension/src/sandbox/scenarios.js';
import { findingGroups, scannerView, workspaceView } from '../../extension/src/popup/popup-model.js';
import { POLICY_KEYS, digestRows, formatValue, policyNote, policyRows } from '../../extension/src/options/options-model.js';
import { decideSave } from '../../extension/src/common/decision.js';
import { DEFAULT_POLICY } from '../../extension/src/common/policy-defaults.js';
import { chromiumManifest, firefoxManifest } from '../../extension/build.mjs';

const EXTENSION = join(dirname(fileURLToPath(import.meta.url)), '../../extension');
const t = (key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key);
const ssn = { start: 4, end: 15, rule: 'ssn.formatted', category: 'ssn', hipaa: 'G', confidence: 'high', why: 'SSA-valid number' };
const dob = { start: 20, end: 30, rule: 'date.birth', category: 'date', hipaa: 'C', confidence: 'high', why: 'near "dob"' };
const age = { start: 40, end: 52, rule: 'age.over_89', category: 'age', hipaa: 'C', confidence: 'medium', why: 'age over 89' };
const hint = { start: 60, end: 70, rule: 'date.event', category: 'date', hipaa: 'C', confidence: 'low', why: 'real date' };

test('a finding is explained by its Safe Harbor letter, its rule\'s reason and a remedy', () => {
  const explained = explainFinding(ssn, '512-44-6789', t);
  assert.equal(explained.letter, 'G');
  assert.equal(explained.identifier, 'hipaa_G_name');
  assert.equal(explained.plain, 'hipaa_G_plain');
  assert.equal(explained.why, 'SSA-valid number');
  assert.equal(explained.remedy, 'sandboxRemedyPlaceholder([SSN])');
  assert.equal(explained.confidenceLabel, 'confidence_high');
});

test('the rule\'s own name and placeholder are used when the host sends them', () => {
  const explained = explainFinding({ ...ssn, name: 'Social Security number', placeholder: '[SSN REMOVED]' }, '512-44-6789', t);
  assert.equal(explained.ruleName, 'Social Security number');
  assert.equal(explained.remedy, 'sandboxRemedyPlaceholder([SSN REMOVED])');
  assert.equal(explainFinding(ssn, '512-44-6789', t).ruleName, '');
});

test('dates keep only their year; ages over 89 become "90 or older"; unknown letters are R', () => {
  assert.deepEqual(remedyFor(dob, '04/17/1952'), { key: 'sandboxRemedyYear', substitutions: ['1952'] });
  assert.deepEqual(remedyFor(dob, '2026-03-01'), { key: 'sandboxRemedyYear', substitutions: ['2026'] });
  assert.deepEqual(remedyFor(dob, 'March 3'), { key: 'sandboxRemedyYearOnly', substitutions: [] });
  assert.equal(remedyFor(age, '93 years old').key, 'sandboxRemedyAge');
  assert.equal(letterOf({ hipaa: 'Z' }), 'R');
  assert.equal(letterOf({}), 'R');
  assert.equal(SAFE_HARBOR_LETTERS.length, 18);
});

test('the tally counts findings at or above the warn level per letter, in letter order', () => {
  assert.deepEqual(tallyByIdentifier([dob, ssn, age, hint], 'medium'), [{ letter: 'C', count: 2 }, { letter: 'G', count: 1 }]);
  assert.deepEqual(tallyByIdentifier([dob, ssn, age, hint], 'low'), [{ letter: 'C', count: 3 }, { letter: 'G', count: 1 }]);
  assert.deepEqual(tallyByIdentifier([hint], 'medium'), []);
});

test('the simulated Publish always lands in an uncovered workspace, so PHI opens the dialog', () => {
  const verdict = simulatedVerdict(DEFAULT_POLICY);
  assert.equal(verdict.covered, false);
  const decision = decideSave({ findings: [ssn], verdict, policy: DEFAULT_POLICY, scannerAvailable: true });
  assert.equal(decision.kind, 'findings');
  assert.equal(decision.canOverride, true);
  const blocking = simulatedVerdict({ ...DEFAULT_POLICY, action: 'block' });
  assert.equal(decideSave({ findings: [ssn], verdict: blocking, policy: DEFAULT_POLICY, scannerAvailable: true }).canOverride, false);
  assert.equal(decideSave({ findings: [hint], verdict, policy: DEFAULT_POLICY, scannerAvailable: true }).kind, 'allow');
});

test('scenarios: unique ids, PHI and clean pages for contrast, no test identifiers that validators reject', () => {
  const ids = SCENARIOS.map((scenario) => scenario.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(SCENARIOS.filter((scenario) => scenario.containsPhi).length >= 4);
  assert.ok(SCENARIOS.filter((scenario) => !scenario.containsPhi).length >= 2);
  const text = SCENARIOS.flatMap((scenario) => scenario.paragraphs).join('\n');
  assert.doesNotMatch(text, /1EG4-TE5-MK73/); // CMS's published sample MBI
  assert.doesNotMatch(text, /\b(?:078-05-1120|219-09-9999)\b/); // famous sample SSNs
  assert.equal(scenarioById('medicare').id, 'medicare');
  assert.equal(scenarioById('nope'), null);
});

test('popup scanner state: connected, unavailable with a fix, policy error with the refused keys', () => {
  const hello = { status: 'available', host: { host_version: '0.1.0', rules: { pack: 'builtin', rule_count: 38 } } };
  const connected = scannerView(hello, { ok: true });
  assert.equal(connected.state, 'connected');
  assert.deepEqual(connected.rules, { key: 'popupRulesValue', substitutions: ['builtin', '38'] });
  assert.equal(scannerView({ status: 'unavailable' }, null).fix.key, 'popupFixUnavailable');
  // The browser's disconnect reason (Firefox's port.error, Chromium's lastError) is shown when known.
  assert.deepEqual(scannerView({ status: 'unavailable', reason: 'No such native application org.phisentry.host' }, null).reason,
    { key: 'popupUnavailableReason', substitutions: ['No such native application org.phisentry.host'] });
  assert.equal(scannerView({ status: 'unavailable', reason: ' ' }, null).reason, null);
  assert.equal(scannerView({ status: 'unavailable' }, null).reason, null);
  assert.equal(scannerView(null, null).state, 'unavailable');
  assert.equal(scannerView({ status: 'connecting' }, null).state, 'starting');
  // The worker has no hello yet, but the host answers scans: it runs. A failed probe settles it too.
  assert.equal(scannerView({ status: 'unknown', host: null }, null, { ok: true }).state, 'connected');
  assert.equal(scannerView({ status: 'unknown', host: null }, null, { ok: false, error: 'unavailable' }).state, 'unavailable');
  assert.equal(scannerView({ status: 'unknown' }, null, { ok: false, error: 'timeout', available: true }).state, 'starting');
  assert.equal(scannerView({ status: 'unavailable' }, null, { ok: true }).state, 'unavailable');
  const refused = scannerView(hello, { ok: false, errors: [{ source: 'managed', key: 'workspaces[1].match', message: 'not a URL pattern' }] });
  assert.equal(refused.state, 'policy-error');
  assert.deepEqual(refused.details, ['managed: workspaces[1].match — not a URL pattern']);
  // A policy requiring signed rules the host's pack does not meet: no scans, whatever the worker's status.
  const unverified = scannerView(hello, { ok: true, rulesRefused: 'the rule pack has no signature' });
  assert.equal(unverified.state, 'rules-refused');
  assert.equal(unverified.fix.key, 'popupFixRulesRefused');
  assert.deepEqual(unverified.details, ['the rule pack has no signature']);
});

test('popup workspace: covered names the policy entry; uncovered names the default action; unwatched pages say so', () => {
  const covered = workspaceView({ watched: true }, {
    workspace: 'https://clinic.atlassian.net/wiki', covered: true, action: 'allow',
    matched_entry: { match: 'https://clinic.atlassian.net/wiki/*', label: 'BAA signed 2026-03-01' },
  });
  assert.equal(covered.state, 'covered');
  assert.deepEqual(covered.entry.substitutions, ['BAA signed 2026-03-01', 'https://clinic.atlassian.net/wiki/*']);
  const uncovered = workspaceView({ watched: true }, { workspace: 'https://x.atlassian.net/wiki', covered: false, action: 'block', matched_entry: null });
  assert.equal(uncovered.state, 'uncovered');
  assert.deepEqual(uncovered.entry, { key: 'popupNoEntry_block' });
  assert.deepEqual(workspaceView({ watched: true }, { covered: false, action: 'bogus' }).entry, { key: 'popupNoEntry_warn' });
  assert.equal(workspaceView({ watched: false }, null).state, 'unwatched');
  assert.equal(workspaceView(null, null).state, 'unwatched');
  assert.equal(workspaceView({ watched: true }, null).state, 'unknown');
});

test('popup groups findings at or above the warn level by category, most first', () => {
  const groups = findingGroups([ssn, dob, age, hint, { ...ssn, start: 90 }], 'medium', (category) => `label:${category}`);
  assert.deepEqual(groups.map((group) => [group.category, group.count]), [['ssn', 2], ['age', 1], ['date', 1]]);
  assert.deepEqual(findingGroups(undefined, 'medium', String), []);
});

test('options: every policy key with its source; managed values are marked; nothing before the host reports a policy', () => {
  const rows = policyRows({
    policy: { default_action: 'block', workspaces: [{ match: 'https://clinic.atlassian.net/wiki/*', label: 'BAA 2026' }], warn_at: 'medium' },
    sources: { default_action: 'managed', workspaces: 'system', warn_at: 'bogus' },
  });
  assert.deepEqual(rows.map((row) => [row.key, row.source, row.managed]), [
    ['default_action', 'managed', true], ['warn_at', 'default', false], ['workspaces', 'system', false]]);
  assert.equal(rows[2].value, 'https://clinic.atlassian.net/wiki/* (BAA 2026)');
  assert.equal(rows[0].sourceKey, 'optionsSourceManaged');
  assert.equal(rows[0].labelKey, 'optionsKey_default_action');
  assert.equal(policyRows({ policy: { future_key: 1 }, sources: {} })[0].labelKey, null);
  assert.equal(policyNote(null), 'optionsPolicyDefaults');
  assert.equal(policyNote({ policy: { warn_at: 'low' }, cached: true }), 'optionsPolicyCached');
  assert.equal(policyNote({ policy: { warn_at: 'low' }, cached: false }), null);
  assert.deepEqual(policyRows(null), []);
  assert.deepEqual(policyRows({ ok: true, policy: null }), []);
  assert.equal(formatValue([]), '—');
  assert.equal(formatValue(['a', 'b']), 'a\nb');
  const words = { optionsYes: 'Yes', optionsNo: 'No' };
  assert.equal(formatValue(false, (key) => words[key]), 'No');
  assert.equal(formatValue({ syslog: true, file: '/var/log/phisentry/audit.jsonl', categories: ['ssn', 'mrn'] }, (key) => words[key]),
    'syslog: Yes\nfile: /var/log/phisentry/audit.jsonl\ncategories: ssn, mrn');
  assert.equal(policyRows({ policy: { allow_override: true }, sources: {} }, (key) => words[key])[0].value, 'Yes');
});

test('options: a label for every key of the managed policy schema', () => {
  const schema = JSON.parse(readFileSync(join(EXTENSION, 'schema/managed-policy.json'), 'utf8'));
  assert.deepEqual([...POLICY_KEYS].sort(), Object.keys(schema.properties).sort());
});

test('options: the "Not PHI" list shows digests only, deduplicated, and drops anything else', () => {
  const digest = 'ab'.repeat(32);
  const rows = digestRows([digest, digest, 'Jane Doe', 42, 'cd'.repeat(32)]);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].digest, digest);
  assert.equal(rows[0].short, `${'ab'.repeat(6)}…abab`);
  assert.deepEqual(digestRows(undefined), []);
});

test('every string the sandbox, popup and options pages use exists in _locales/en, and all 18 identifiers are explained', () => {
  const messages = JSON.parse(readFileSync(join(EXTENSION, '_locales/en/messages.json'), 'utf8'));
  const files = ['sandbox', 'popup', 'options'].flatMap((folder) =>
    readdirSync(join(EXTENSION, 'src', folder)).filter((name) => /\.(js|html)$/.test(name)).map((name) => join(EXTENSION, 'src', folder, name)));
  const source = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const used = new Set([...source.matchAll(/(?:\bt\(|key: |data-i18n=)['"]([A-Za-z_]+)['"]/g)].map((match) => match[1]));
  assert.ok(used.size > 40, `found ${used.size} keys`);
  for (const key of used) assert.ok(messages[key], `missing string ${key}`);
  for (const key of POLICY_KEYS) assert.ok(messages[`optionsKey_${key}`], `missing label for policy key ${key}`);
  for (const action of ['allow', 'warn', 'block']) assert.ok(messages[`popupNoEntry_${action}`], `missing popupNoEntry_${action}`);
  for (const scenario of SCENARIOS) assert.ok(messages[`sandboxScenario_${scenario.id}`], `missing title for ${scenario.id}`);
  for (const scenario of SCENARIOS) assert.ok(messages[`sandboxTip_${scenario.id}`], `missing talking point for ${scenario.id}`);
  for (const letter of SAFE_HARBOR_LETTERS) {
    assert.ok(messages[`hipaa_${letter}_name`]?.message, `missing hipaa_${letter}_name`);
    assert.ok(messages[`hipaa_${letter}_plain`]?.message.length > 40, `hipaa_${letter}_plain too short`);
  }
  for (const [key, entry] of Object.entries(messages)) {
    for (const name of entry.message.matchAll(/\$([A-Z_]+)\$/g)) {
      assert.ok(entry.placeholders?.[name[1].toLowerCase()], `${key}: placeholder ${name[1]} not declared`);
    }
  }
});

test('manifests: both browsers get the options page; the pages they name exist; Firefox has its gecko id', () => {
  for (const manifest of [chromiumManifest('1.0.0', 'AAAA'), firefoxManifest('1.0.0')]) {
    assert.equal(manifest.options_ui.page, 'src/options/options.html');
    for (const file of [manifest.options_ui.page, manifest.action.default_popup, 'src/sandbox/sandbox.html']) {
      assert.ok(existsSync(join(EXTENSION, file)), file);
    }
  }
  assert.equal(firefoxManifest('1.0.0').browser_specific_settings.gecko.id, 'phisentry@phisentry.org');
});
