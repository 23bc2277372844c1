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
});
