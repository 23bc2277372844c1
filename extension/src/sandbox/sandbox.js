// The trainer sandbox: an editor preloaded with realistic wiki pages, scanned by the local host
// exactly like a real editor (same text model, session and highlights), an explanation per finding,
// a tally by Safe Harbor identifier, and a simulated "Publish" into an uncovered workspace.
import { MSG } from '../common/messages.js';
import { t } from '../common/i18n.js';
import { loadPolicy } from '../common/policy-defaults.js';
import { decideSave } from '../common/decision.js';
import { buildSaveDialog } from '../common/dialog-model.js';
import { showSaveDialog } from '../ui/dialog.js';
import { el } from '../ui/ui-root.js';
import { BlockTextModel } from '../content/text-model.js';
import { EditorSession } from '../content/editor-session.js';
import { HighlightPainter } from '../content/highlights.js';
import * as editing from '../content/editing.js';
import { SCENARIOS, scenarioById } from './scenarios.js';
import { SAFE_HARBOR_LETTERS, explainFinding, identifierName, tallyByIdentifier, simulatedVerdict } from './explain.js';

const CURRENT_HIGHLIGHT = 'phisentry-sandbox-current';
const RETRY_UNAVAILABLE_MS = 5000;
const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
const editor = $('editor');
const params = new URLSearchParams(location.search);
const policyReady = loadPolicy();
const painter = new HighlightPainter(document);
const currentHighlight = new Highlight();
currentHighlight.priority = 10; // above the confidence highlights it overlaps
CSS.highlights.set(CURRENT_HIGHLIGHT, currentHighlight);
let selectedKey = null;
const session = new EditorSession({
  element: editor,
  adapter: { model: 'block' },
  model: new BlockTextModel(editor),
  scan: (text) => api.runtime.sendMessage({ type: MSG.SCAN, text, url: location.href }).catch(() => ({ ok: false, available: false })),
  onResult: (changed, response) => render(response),
});
const observer = new MutationObserver((records) => session.noteChange(records.map((record) => record.target)));
// editing.js settles pending mutations before each replacement, as it does in real editors.
session.drainMutations = () => {
  const records = observer.takeRecords();
  if (records.length) session.noteChange(records.map((record) => record.target));
};

localise();
fillScenarioPicker();
fillReference();
setPresenter(params.get('presenter') === '1');
observer.observe(editor, { childList: true, subtree: true, characterData: true });
loadScenario(scenarioById(params.get('scenario'))?.id ?? SCENARIOS[0].id);
showScannerStatus();

$('scenario').addEventListener('change', (event) => loadScenario(event.target.value));
$('presenter').addEventListener('click', () => setPresenter(!document.body.classList.contains('presenter')));
$('publish').addEventListener('click', () => simulatePublish());
document.addEventListener('selectionchange', onCaret);

function localise() {
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('tally').setAttribute('aria-label', t('sandboxTallyLabel'));
}

function fillScenarioPicker() {
  const picker = $('scenario');
  for (const scenario of SCENARIOS) {
    const option = new Option(t(`sandboxScenario_${scenario.id}`), scenario.id);
    picker.append(option);
  }
}

function fillReference() {
  $('reference').replaceChildren(
    ...SAFE_HARBOR_LETTERS.flatMap((letter) => [
      el(document, 'dt', {}, [el(document, 'span', { class: 'letter', text: letter }), ` ${identifierName(letter, t)}`]),
      el(document, 'dd', { text: t(`hipaa_${letter}_plain`) }),
    ]),
  );
}

function loadScenario(id) {
  const scenario = scenarioById(id);
  $('scenario').value = id;
  $('scenario-tip').textContent = t(`sandboxTip_${id}`);
  selectedKey = null;
  $('publish-outcome').textContent = '';
  editor.replaceChildren(...scenario.paragraphs.map((text) => el(document, 'p', { text })));
}

function setPresenter(on) {
  document.body.classList.toggle('presenter', on);
  document.documentElement.classList.toggle('presenter', on); // reaches the dialog's host element
  $('presenter').setAttribute('aria-pressed', String(on));
}

// `scanned`: a scan just succeeded, so the scanner runs even if the worker has no host details yet.
async function showScannerStatus(scanned = false) {
  const reply = await api.runtime.sendMessage({ type: MSG.STATUS }).catch(() => null);
  const rules = reply?.host?.rules;
  if (reply?.status === 'available' && rules) setScanner('sandboxScannerReady', [rules.pack, String(rules.rule_count)], false);
  else if (scanned) setScanner('sandboxScannerRunning', [], false);
}

function setScanner(key, substitutions, problem) {
  const line = $('scanner');
  line.textContent = t(key, substitutions);
  line.classList.toggle('problem', problem);
}

// ---- findings ----

async function render(response) {
  if (!response.ok) {
    // No host: say so and try again later (the worker reconnects with back-off). Otherwise the
    // host refused this text (e.g. too_large) and says why.
    if (response.available === false || response.error === 'unavailable') {
      setScanner('sandboxScannerUnavailable', [], true);
      setTimeout(() => session.noteChange(), RETRY_UNAVAILABLE_MS);
    } else {
      setScanner('sandboxScanFailed', [String(response.error ?? 'internal')], true);
    }
    painter.clear(session.id);
    renderPanel([]);
    return;
  }
  if (!$('scanner').textContent || $('scanner').classList.contains('problem')) showScannerStatus(true);
  const policy = await policyReady;
  const snapshot = session.snapshot;
  const items = session.findings.map((finding) => ({ finding, span: snapshot.toDomRange(finding.start, finding.end) }));
  painter.paint(session.id, items);
  renderTally(tallyByIdentifier(session.findings, policy.warnLevel));
  renderPanel(session.findings.map((finding) => ({ finding, key: keyOf(finding), ...explainFinding(finding, session.findingText(finding), t) })));
}

function renderTally(tally) {
  const total = tally.reduce((sum, { count }) => sum + count, 0);
  $('total').textContent = total ? t('sandboxTotal', [String(total)]) : '';
  $('tally').replaceChildren(
    ...tally.map(({ letter, count }) =>
      el(document, 'li', { 'data-letter': letter }, [
        el(document, 'span', { class: 'letter', text: letter }),
        el(document, 'span', { class: 'name', text: identifierName(letter, t) }),
        el(document, 'span', { class: 'count', text: String(count) }),
      ]),
    ),
  );
}

function renderPanel(explained) {
  $('empty').hidden = explained.length > 0;
  if (!explained.some((item) => item.key === selectedKey)) selectedKey = null;
  $('findings').replaceChildren(...explained.map((item) => findingItem(item)));
  markCurrent();
}

function findingItem(item) {
  const detailsId = `finding-${item.key}`;
  const toggle = el(document, 'button', { type: 'button', class: 'summary', 'aria-expanded': 'false', 'aria-controls': detailsId }, [
    el(document, 'span', { class: 'letter', text: item.letter }),
    el(document, 'span', { class: 'identifier', text: item.identifier }),
    el(document, 'q', { class: 'quote', text: item.quote }),
    el(document, 'span', { class: `level ${item.confidence}`, text: item.confidenceLabel }),
  ]);
  toggle.addEventListener('click', () => select(selectedKey === item.key ? null : item.key));
  const details = el(document, 'div', { class: 'details', id: detailsId }, [
    ...(item.ruleName ? [el(document, 'p', { class: 'rule-name', text: item.ruleName })] : []),
    el(document, 'p', { class: 'plain', text: item.plain }),
    el(document, 'p', { class: 'why' }, [el(document, 'strong', { text: t('sandboxWhyLabel') }), ` ${item.why}`]),
    el(document, 'p', { class: 'remedy' }, [el(document, 'strong', { text: t('sandboxRemedyLabel') }), ` ${item.remedy}`]),
    el(document, 'button', { type: 'button', class: 'replace', text: t('cardReplace') }),
  ]);
  // The fix, live: through the editor's input path, so Ctrl+Z brings the text back.
  details.querySelector('.replace').addEventListener('click', () => session.replaceFindings([item.finding], editing));
  return el(document, 'li', { class: 'finding', 'data-key': item.key, 'data-letter': item.letter }, [toggle, details]);
}

function keyOf(finding) {
  return `${finding.start}-${finding.end}`;
}

function select(key) {
  selectedKey = key;
  markCurrent();
  $('findings').querySelector('li[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
}

// The selected finding: expanded in the panel and outlined in the editor.
function markCurrent() {
  currentHighlight.clear();
  for (const item of $('findings').children) {
    const on = item.dataset.key === selectedKey;
    item.toggleAttribute('aria-current', on);
    if (on) item.setAttribute('aria-current', 'true');
    item.querySelector('.summary').setAttribute('aria-expanded', String(on));
  }
  const finding = session.findings.find((candidate) => keyOf(candidate) === selectedKey);
  const span = finding && session.snapshot?.toDomRange(finding.start, finding.end);
  if (!span) return;
  const range = document.createRange();
  range.setStart(span.startNode, span.startOffset);
  range.setEnd(span.endNode, span.endOffset);
  currentHighlight.add(range);
}

// The caret on a highlight opens its explanation, as hovering does in the real editors.
function onCaret() {
  const selection = document.getSelection();
  if (!selection?.isCollapsed || !editor.contains(selection.focusNode)) return;
  const item = painter.at(selection.focusNode, selection.focusOffset);
  if (item && keyOf(item.finding) !== selectedKey) select(keyOf(item.finding));
}

// ---- the simulated Publish ----

async function simulatePublish() {
  await session.flush();
  const policy = await policyReady;
  const decision = decideSave({
    findings: session.findings, verdict: simulatedVerdict(policy), policy, scannerAvailable: session.available,
  });
  if (decision.kind === 'allow') return showOutcome('sandboxOutcomeClean');
  const choice = await showSaveDialog(document, buildSaveDialog(decision, t), t);
  if (choice.action === 'replace') {
    const replaced = session.replaceFindings(session.warnFindings(policy.warnLevel), editing);
    return showOutcome('sandboxOutcomeReplaced', [String(replaced)]);
  }
  return showOutcome(choice.action === 'override' ? 'sandboxOutcomeOverride' : 'sandboxOutcomeBack');
}

function showOutcome(key, substitutions) {
  $('publish-outcome').textContent = t(key, substitutions);
}
