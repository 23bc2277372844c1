// The background service worker: one native port to the host for every tab, the toolbar badge,
// and the relay that lets a save in one frame see the findings of every frame in its tab.
import { HostConnection, nativePortConnector } from './host-connection.js';
import { TabState, badgeFor } from './tab-state.js';
import { acceptMessage } from './sender-check.js';
import { registerWorkspaces } from './watched-sites.js';
import { MSG } from '../common/messages.js';
import { loadPolicy, verdictFor } from '../common/policy-defaults.js';

const HOST_NAME = 'org.phisentry.host';
const SCAN_TIMEOUT_BASE_MS = 4000;
const SCAN_TIMEOUT_PER_MIB_MS = 2000;

const browserApi = globalThis.chrome;
const tabState = new TabState();
const policyReady = loadPolicy();

const connection = new HostConnection({
  connect: nativePortConnector(browserApi.runtime, HOST_NAME),
  helloRequest: () => ({
    type: 'hello',
    client: { name: 'phisentry-extension', version: browserApi.runtime.getManifest().version },
  }),
});

connection.onStatusChange((status) => {
  for (const tabId of tabState.tabs()) {
    updateBadge(tabId);
    sendToTab(tabId, { type: MSG.HOST_STATUS, available: status === 'available' }).catch(() => {});
  }
});

const handlers = {
  [MSG.SCAN]: (message) => scan(message.text, message.url),
  [MSG.FRAME_STATE]: (message, sender) => recordFrame(sender, message.warnCount),
  [MSG.TAB_FLUSH]: (message, sender) => flushTab(sender.tab.id),
  [MSG.REPLACE_ALL]: (message, sender) => replaceAllInTab(sender.tab.id),
  [MSG.GATE_FORWARD]: (message, sender) =>
    sendToTab(sender.tab.id, { type: MSG.GATE_RUN, trigger: message.trigger }, 0),
  [MSG.STATUS]: (message) => statusFor(message.tabId),
  [MSG.TAB_SUMMARY]: (message) => tabSummary(message.tabId),
};

browserApi.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler || !acceptMessage(message, sender, browserApi.runtime)) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (error) => sendResponse({ ok: false, error: error?.code ?? 'internal' }));
  return true; // answer asynchronously
});

browserApi.tabs.onRemoved.addListener((tabId) => tabState.dropTab(tabId));
browserApi.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading' && change.url) tabState.dropTab(tabId);
});

policyReady
  .then((policy) => browserApi.scripting && registerWorkspaces(browserApi.scripting, policy.workspaces))
  .catch((error) => console.warn('phisentry: could not watch policy workspaces:', error?.message));

async function scan(text, url) {
  const policy = await policyReady;
  const timeout = SCAN_TIMEOUT_BASE_MS + Math.ceil((text.length * 2) / 1048576) * SCAN_TIMEOUT_PER_MIB_MS;
  try {
    const reply = await connection.request({ type: 'scan', text, url }, timeout);
    if (reply.type !== 'result') return { ok: false, error: reply.code ?? 'internal', available: true };
    return {
      ok: true,
      available: true,
      result: {
        findings: reply.findings ?? [],
        counts: reply.counts ?? {},
        truncated: Boolean(reply.truncated),
        verdict: reply.verdict ?? verdictFor(url, policy),
      },
    };
  } catch (error) {
    return { ok: false, error: error?.code ?? 'internal', available: connection.status !== 'unavailable' };
  }
}

function recordFrame(sender, warnCount) {
  if (!sender.tab) return { ok: false };
  tabState.setFrame(sender.tab.id, sender.frameId ?? 0, Number(warnCount) || 0);
  updateBadge(sender.tab.id);
  return { ok: true, available: connection.status !== 'unavailable' };
}

// Asks every frame of the tab to scan what it has now and report its findings (no text).
async function flushTab(tabId) {
  const policy = await policyReady;
  const reports = await eachFrame(tabId, { type: MSG.FLUSH_REPORT });
  const findings = reports.flatMap((report) => report.findings ?? []);
  const verdict = reports.find((report) => report.verdict)?.verdict ?? null;
  // A frame is unavailable when it has text it could not scan; a frame without text is not.
  const available = reports.every((report) => report.available !== false);
  return { ok: true, findings, verdict, available, policy };
}

// The popup's view of a tab: its verdict and findings (categories and levels only, never text).
async function tabSummary(tabId) {
  if (!Number.isInteger(tabId)) return { ok: false, error: 'bad_message' };
  const watched = tabState.frames(tabId).length > 0;
  const { findings, verdict, available } = watched ? await flushTab(tabId) : { findings: [], verdict: null, available: true };
  return { ok: true, watched, findings, verdict, available };
}

async function replaceAllInTab(tabId) {
  const reports = await eachFrame(tabId, { type: MSG.REPLACE_ALL });
  return { ok: true, replaced: reports.reduce((sum, report) => sum + (report.replaced ?? 0), 0) };
}

async function eachFrame(tabId, message) {
  const frames = tabState.frames(tabId);
  const replies = await Promise.all(
    frames.map((frameId) =>
      sendToTab(tabId, message, frameId).catch(() => {
        tabState.dropFrame(tabId, frameId); // the frame is gone
        return null;
      }),
    ),
  );
  return replies.filter(Boolean);
}

function sendToTab(tabId, message, frameId) {
  const options = frameId === undefined ? undefined : { frameId };
  return browserApi.tabs.sendMessage(tabId, message, options);
}

function updateBadge(tabId) {
  const badge = badgeFor(tabState.warnCount(tabId), connection.status);
  const action = browserApi.action;
  action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
  action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => {});
  action.setTitle({ tabId, title: browserApi.i18n.getMessage(badge.titleKey) }).catch(() => {});
}

async function statusFor(tabId) {
  if (connection.status !== 'available') connection.warmUp();
  return {
    ok: true,
    status: connection.status,
    host: connection.hostInfo,
    warnCount: tabId === undefined ? null : tabState.warnCount(tabId),
  };
}
