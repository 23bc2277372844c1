// The toolbar popup: this tab's workspace (covered or not, and which policy entry says so), the
// possible PHI on the page by category, and the scanner's state with how to fix it.
import { MSG } from '../common/messages.js';
import { t } from '../common/i18n.js';
import { loadPolicy } from '../common/policy-defaults.js';
import { categoryLabel } from '../common/dialog-model.js';
import { el } from '../ui/ui-root.js';
import { findingGroups, scannerView, workspaceView } from './popup-model.js';

const STARTING_PROBES = 5; // each waits up to the worker's scan timeout
const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
const ask = (message) => api.runtime.sendMessage(message).catch(() => null);
const say = (message) => (message ? t(message.key, message.substitutions) : '');

for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
$('open-sandbox').addEventListener('click', () => api.tabs.create({ url: api.runtime.getURL('src/sandbox/sandbox.html') }));
$('open-options').addEventListener('click', () => api.runtime.openOptionsPage());

// ?tab=<id> shows another tab (the end-to-end tests open the popup as a page of its own).
const tab = await tabToShow(Number(Object.fromEntries(new URLSearchParams(location.search)).tab));
const [status, summary, policyStatus, policy] = await Promise.all([
  ask({ type: MSG.STATUS, tabId: tab?.id }),
  tab ? ask({ type: MSG.TAB_SUMMARY, tabId: tab.id }) : null,
  ask({ type: MSG.POLICY_STATUS }),
  loadPolicy(),
]);
showScanner(scannerView(status, policyStatus));
followScannerWhileStarting(scannerView(status, policyStatus), policyStatus);
showWorkspace(workspaceView(summary, summary?.verdict ?? (await verdictForPage(summary, tab))));
showFindings(summary, policy);
document.body.dataset.ready = 'true';

async function tabToShow(requestedId) {
  if (Number.isInteger(requestedId) && requestedId > 0) return api.tabs.get(requestedId).catch(() => null);
  const [active] = await api.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}

// A watched page that has not been scanned yet: ask the host for the page's verdict (no text).
async function verdictForPage(tabSummary, activeTab) {
  if (!tabSummary?.watched || !activeTab?.url) return null;
  const reply = await ask({ type: MSG.SCAN, text: '', url: activeTab.url });
  return reply?.ok ? reply.result.verdict : null;
}

// The host may still be starting (compiling its rules) when the popup opens: an empty scan is
// answered once it runs, or fails when it cannot start.
async function followScannerWhileStarting(first, currentPolicyStatus) {
  let view = first;
  for (let attempt = 0; view.state === 'starting' && attempt < STARTING_PROBES; attempt += 1) {
    const probe = await ask({ type: MSG.SCAN, text: '' });
    view = scannerView(await ask({ type: MSG.STATUS }), currentPolicyStatus, probe);
    showScanner(view);
  }
}

function showScanner(view) {
  setPill($('scanner-state'), view.state, say(view.label));
  $('scanner-fix').hidden = !view.fix;
  $('scanner-fix').textContent = say(view.fix);
  const details = view.reason ? [...view.details, say(view.reason)] : view.details;
  $('scanner-details').replaceChildren(...details.map((text) => el(document, 'li', { text })));
  $('scanner-info').hidden = view.state !== 'connected';
  if (view.hostVersion) $('version').textContent = view.hostVersion;
  if (view.rules) $('rules').textContent = say(view.rules);
}

function showWorkspace(view) {
  setPill($('workspace-state'), view.state, say(view.label));
  $('workspace-name').textContent = view.workspace ?? '';
  $('workspace-entry').textContent = say(view.entry);
}

function showFindings(tabSummary, currentPolicy) {
  $('findings-section').hidden = !tabSummary?.watched;
  const groups = findingGroups(tabSummary?.findings, currentPolicy.warnLevel, (category) => categoryLabel(category, t));
  $('groups').replaceChildren(...groups.map((group) => el(document, 'li', { 'data-category': group.category }, [
    el(document, 'span', { text: group.label }),
    el(document, 'span', { class: 'count', text: String(group.count) }),
  ])));
  $('no-findings').hidden = groups.length > 0;
}

function setPill(element, state, text) {
  element.className = `pill ${state}`;
  element.dataset.state = state;
  element.textContent = text;
}
