// What the toolbar popup says, from what the worker reports. Pure: strings are message keys
// (with substitutions) from _locales, so node tests check the logic without a browser.
import { countAtOrAbove } from '../common/decision.js';

const ACTIONS = Object.freeze(['allow', 'warn', 'block']);

// status: the worker's STATUS reply (or null); policyStatus: its POLICY_STATUS reply (or null
// when this build's worker does not answer it yet); probe: the reply to an empty scan, which the
// host answers once it runs (settles a state the worker does not know yet).
export function scannerView(status, policyStatus, probe = null) {
  const settled = status?.status === 'available' || status?.status === 'unavailable';
  if (!settled && probe?.ok) return scannerView({ ...status, status: 'available' }, policyStatus);
  if (!settled && probe && (probe.available === false || probe.error === 'unavailable')) {
    return scannerView({ status: 'unavailable' }, policyStatus);
  }
  // The policy requires a signed rule pack and the host's is not: it answers no scan until restarted.
  if (policyStatus?.rulesRefused) {
    return { state: 'rules-refused', label: { key: 'popupRulesRefused' }, fix: { key: 'popupFixRulesRefused' }, details: [policyStatus.rulesRefused] };
  }
  if (status?.status === 'available' && policyStatus?.ok === false) {
    return {
      state: 'policy-error',
      label: { key: 'popupPolicyError' },
      fix: { key: 'popupFixPolicy' },
      details: (policyStatus.errors ?? []).map((error) => `${error.source}: ${error.key} — ${error.message}`),
    };
  }
  if (status?.status === 'available') {
    const rules = status.host?.rules;
    return {
      state: 'connected',
      label: { key: 'popupConnected' },
      fix: null,
      details: [],
      hostVersion: status.host?.host_version ?? null,
      rules: rules ? { key: 'popupRulesValue', substitutions: [rules.pack, String(rules.rule_count)] } : null,
    };
  }
  if (status?.status === 'unavailable' || !status) {
    return { state: 'unavailable', label: { key: 'popupUnavailable' }, fix: { key: 'popupFixUnavailable' }, details: [], reason: disconnectReason(status) };
  }
  return { state: 'starting', label: { key: 'popupStarting' }, fix: null, details: [] };
}

// Why the browser dropped the host (Chromium's runtime.lastError, Firefox's port.error), when the
// worker reports it (STATUS `reason`): "Specified native messaging host not found." tells IT more
// than "Unavailable". A browser message, never page text.
function disconnectReason(status) {
  const reason = typeof status?.reason === 'string' ? status.reason.trim() : '';
  return reason ? { key: 'popupUnavailableReason', substitutions: [reason] } : null;
}

// summary: the worker's TAB_SUMMARY reply; verdict: the scan verdict for the tab's page.
export function workspaceView(summary, verdict) {
  if (!summary?.watched) return { state: 'unwatched', label: { key: 'popupUnwatched' }, entry: null, workspace: null };
  if (!verdict) return { state: 'unknown', label: { key: 'popupWorkspaceUnknown' }, entry: null, workspace: null };
  const entry = verdict.matched_entry
    ? { key: 'popupEntry', substitutions: [verdict.matched_entry.label || verdict.matched_entry.match, verdict.matched_entry.match] }
    : { key: `popupNoEntry_${ACTIONS.includes(verdict.action) ? verdict.action : 'warn'}` };
  return {
    state: verdict.covered ? 'covered' : 'uncovered',
    label: { key: verdict.covered ? 'popupCovered' : 'popupUncovered' },
    workspace: verdict.workspace || null,
    entry,
    action: verdict.action,
  };
}

// Findings at or above the warn level, grouped by category, most first.
export function findingGroups(findings, warnLevel, categoryLabel) {
  return Object.entries(countAtOrAbove(findings ?? [], warnLevel))
    .map(([category, count]) => ({ category, count, label: categoryLabel(category) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
