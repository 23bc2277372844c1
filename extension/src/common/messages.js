// Message types between content scripts and the service worker. Page text travels only in
// SCAN requests, and only to the local host.
export const MSG = Object.freeze({
  SCAN: 'phisentry/scan', // content -> worker: {text, url} -> {ok, result | error}
  FRAME_STATE: 'phisentry/frame-state', // content -> worker: {warnCount, available}
  GATE_FORWARD: 'phisentry/gate-forward', // sub-frame -> worker: run the save gate in the top frame
  TAB_FLUSH: 'phisentry/tab-flush', // top frame -> worker: flush every frame and report
  REPLACE_ALL: 'phisentry/replace-all', // top frame -> worker -> every frame
  FLUSH_REPORT: 'phisentry/flush-report', // worker -> each frame: scan now, report findings
  GATE_RUN: 'phisentry/gate-run', // worker -> top frame: run the gate for a sub-frame
  HOST_STATUS: 'phisentry/host-status', // worker -> frames: {available}
  STATUS: 'phisentry/status', // popup -> worker: host info and state
  // popup -> worker: {tabId} -> {ok, watched, findings: [{category, confidence}], verdict, available}
  TAB_SUMMARY: 'phisentry/tab-summary',
  // popup/options -> worker: -> POLICY_STATUS_SHAPE below. Also broadcast worker -> pages when it changes.
  POLICY_STATUS: 'phisentry/policy-status',
  // content -> worker: -> {policy} (the host's effective policy, or the last one it sent) for pages.
  PAGE_POLICY: 'phisentry/page-policy',
  // content -> worker: {event, url, matches: [{rule, value}], justification?} -> {ok, recorded, refused?, message?}
  // The worker relays it to the host's `audit` message (host/PROTOCOL.md); values are only hashed there.
  AUDIT: 'phisentry/audit',
});

// Events of the audit trail the extension reports (the host adds host_started/stopped, policy_loaded/rejected).
export const AUDIT_EVENTS = Object.freeze([
  'warning_shown',
  'save_cancelled',
  'placeholders_inserted',
  'save_anyway',
  'not_phi_marked',
  'scanner_unavailable',
]);

// What a scan result's `verdict` holds (set by the host; see host/PROTOCOL.md "The verdict"):
//   {workspace: 'https://clinic.atlassian.net/wiki', product: 'confluence'|'jira'|null, covered: bool,
//    action: 'allow'|'warn'|'block', matched_entry: {match, label} | null}
// What POLICY_STATUS answers:
//   {ok: bool, policy: {<every key of extension/schema/managed-policy.json>},
//    sources: {<key>: 'managed'|'system'|'default'}, errors: [{source, key, message}],
//    hostAvailable: bool}   // when the host is unavailable, policy is the last one it sent (or the defaults)
