// The background service worker: one native port to the host for every tab, the toolbar badge,
// and the relay that lets a save in one frame see the findings of every frame in its tab.
import { HostConnection, nativePortConnector } from './host-connection.js';
import { TabState, badgeFor } from './tab-state.js';
import { acceptMessage } from './sender-check.js';
import { registerWorkspaces } from './watched-sites.js';
import { PolicyRelay } from './policy-relay.js';
import { AuditRelay } from './audit-relay.js';
import { MSG } from '../common/messages.js';
import { extensionPolicy, verdictFor } from '../common/policy-defaults.js';
import { ensureKey as ensureAllowlistKey } from '../content/allowlist.js';

const HOST_NAME = 'org.phisentry.host';
const SCAN_TIMEOUT_BASE_MS = 4000;
const SCAN_TIMEOUT_PER_MIB_MS = 2000;

const browserApi = globalThis.chrome;
const tabState = new TabState();

const connection = new HostConnection({
  connect: nativePortConnector(browserApi.runtime, HOST_NAME),
  helloRequest: () => ({
    type: 'hello',
    client: { name: 'phisentry-extension', version: browserApi.runtime.getManifest().version },
  }),
});

const policyRelay = new PolicyRelay({
  storage: browserApi.storage,
  request: (message, timeout) => connection.request(message, timeout),
});
const auditRelay = new AuditRelay({ request: (message, timeout) => connection.request(message, timeout) });
const policyReady = policyRelay.restore();

connection.onStatusChange((status) => {
  if (status === 'available') {
    policyRelay.sync();
    auditRelay.flush();
  } else if (status === 'unavailable') {
    policyRelay.hostLost();
  }
  for (const tabId of tabState.tabs()) {
    updateBadge(tabId);
    sendToTab(tabId, { type: MSG.HOST_STATUS, available: status === 'available' }).catch(() => {});
  }
});

const handlers = {
  [MSG.SCAN]: (message) => scan(message.text, message.url, message.product),
  [MSG.FRAME_STATE]: (message, sender) => recordFrame(sender, message.warnCount),
  [MSG.TAB_FLUSH]: (message, sender) => flushTab(sender.tab.id),
  [MSG.REPLACE_ALL]: (message, sender) => replaceAllInTab(sender.tab.id),
  [MSG.GATE_FORWARD]: (message, sender) =>
    sendToTab(sender.tab.id, { type: MSG.GATE_RUN, trigger: message.trigger }, 0),
  [MSG.STATUS]: (message) => statusFor(message.tabId),
  [MSG.TAB_SUMMARY]: (message) => tabSummary(message.tabId),
  [MSG.POLICY_STATUS]: () => policyStatus(),
  [MSG.PAGE_POLICY]: async () => ({ ok: true, policy: (await policyStatus()).policy }),
  [MSG.AUDIT]: (message) => auditRelay.send(message),
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

// IT changed the managed policy: hand it to the host again.
browserApi.storage.onChanged?.addListener((changes, area) => {
  if (area === 'managed') policyRelay.sync();
});

// Data Center workspaces named in the effective policy get the content script.
let watchedKey = null;
policyRelay.onChange((status) => {
  const { workspaces } = extensionPolicy(status.policy);
  const key = JSON.stringify(workspaces);
  if (key === watchedKey || !browserApi.scripting) return;
  watchedKey = key;
  registerWorkspaces(browserApi.scripting, workspaces).catch((error) =>
    console.warn('phisentry: could not watch policy workspaces:', error?.message),
  );
});
policyReady.then(() => connection.warmUp());
// The "Not PHI" list's HMAC key, made at start so tabs never race to make it (and unkeyed entries
// from older versions are dropped once, here).
ensureAllowlistKey(browserApi.storage.local).catch((error) =>
  console.warn('phisentry: could not prepare the "Not PHI" key:', error?.message),
);

async function policyStatus() {
  await policyReady;
  if (connection.status !== 'available') connection.warmUp();
  return { ok: true, ...policyRelay.snapshot() };
}

async function currentPolicy() {
  await policyReady;
  return extensionPolicy(policyRelay.snapshot().policy);
}

async function scan(text, url, product) {
  const received = epochNow();
  const policy = await currentPolicy();
  const timeout = SCAN_TIMEOUT_BASE_MS + Math.ceil((text.length * 2) / 1048576) * SCAN_TIMEOUT_PER_MIB_MS;
  try {
    const request = { type: 'scan', text, url };
    if (product === 'confluence' || product === 'jira') request.product = product;
    const reply = await connection.request(request, timeout);
    // rules_unverified: policy requires a signed rule pack and the host's is not; no scan until it restarts.
    if (reply.type !== 'result') return { ok: false, error: reply.code ?? 'internal', available: reply.code !== 'rules_unverified' };
    return {
      ok: true,
      available: true,
      // For the latency benchmark's breakdown (content/scan-timing.js): when this worker had the
      // request and the host's reply, and the host's own time.
      timing: { received, replied: epochNow(), hostUs: Number(reply.elapsed_us) || 0 },
      result: {
        findings: reply.findings ?? [],
        counts: reply.counts ?? {},
        truncated: Boolean(reply.truncated),
        incomplete: Boolean(reply.incomplete), // the host stopped at its hit limit (PROTOCOL.md)
        verdict: reply.verdict ?? verdictFor(url, policy),
      },
    };
  } catch (error) {
    return { ok: false, error: error?.code ?? 'internal', available: connection.status !== 'unavailable' };
  }
}

// Milliseconds since the epoch at sub-millisecond resolution, comparable across the extension's contexts.
function epochNow() {
  return performance.timeOrigin + performance.now();
}

function recordFrame(sender, warnCount) {
  if (!sender.tab) return { ok: false };
  tabState.setFrame(sender.tab.id, sender.frameId ?? 0, Number(warnCount) || 0);
  updateBadge(sender.tab.id);
  return { ok: true, available: connection.status !== 'unavailable' };
}

// Asks every frame of the tab to scan what it has now and report its findings (no text).
async function flushTab(tabId) {
  const policy = await currentPolicy();
  const reports = await eachFrame(tabId, { type: MSG.FLUSH_REPORT });
  const findings = reports.flatMap((report) => report.findings ?? []);
  // Rule ids and matched text for the audit record: the host hashes the values, never keeps them.
  const matches = reports.flatMap((report) => report.matches ?? []);
  const verdict = reports.find((report) => report.verdict)?.verdict ?? null;
  // A frame is unavailable when it has text it could not scan; a frame without text is not.
  const available = reports.every((report) => report.available !== false);
  const incomplete = reports.some((report) => report.incomplete === true);
  return { ok: true, findings, matches, verdict, available, incomplete, policy };
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
    reason: connection.status === 'unavailable' ? connection.lastFailure : null,
    warnCount: tabId === undefined ? null : tabState.warnCount(tabId),
  };
}
