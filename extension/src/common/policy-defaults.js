// What PHI Sentry does before the host has said anything, and the extension's view of the host's
// effective policy (host/PROTOCOL.md `policy_status`). The host merges managed policy, the system
// file and defaults, validates, and decides verdicts; the extension only reads the result.
import { MSG } from './messages.js';

export const DEFAULT_POLICY = Object.freeze({
  // Extra watched sites (Confluence/Jira Data Center live on the clinic's own domains), as
  // match patterns such as "https://wiki.clinic.example/*". Atlassian Cloud is always watched.
  workspaces: Object.freeze([]),
  action: 'warn', // default_action for workspaces the policy does not list: 'allow' | 'warn' | 'block'
  failMode: 'warn', // when the scanner is unavailable: 'warn' (fail_mode open) | 'block' (closed)
  warnLevel: 'medium', // findings at or above this confidence count
  userAllowlist: true, // may users mark a finding "Not PHI"?
  allowOverride: true, // may users "Save anyway"?
  requireJustification: true,
  justificationMinLength: 10,
});

const ACTIONS = new Set(['allow', 'warn', 'block']);
const LEVELS = new Set(['low', 'medium', 'high']);

// The host's effective policy (snake_case, every key) as the extension uses it. Anything missing or
// of the wrong type falls back to the default, so a bad reply cannot loosen what the extension does.
export function extensionPolicy(hostPolicy) {
  if (!hostPolicy || typeof hostPolicy !== 'object') return DEFAULT_POLICY;
  const flag = (value, fallback) => (typeof value === 'boolean' ? value : fallback);
  const workspaces = Array.isArray(hostPolicy.workspaces) ? hostPolicy.workspaces : [];
  return Object.freeze({
    workspaces: Object.freeze(workspaces.map((entry) => entry?.match).filter((match) => typeof match === 'string')),
    action: ACTIONS.has(hostPolicy.default_action) ? hostPolicy.default_action : DEFAULT_POLICY.action,
    failMode: hostPolicy.fail_mode === 'closed' ? 'block' : DEFAULT_POLICY.failMode,
    warnLevel: LEVELS.has(hostPolicy.warn_at) ? hostPolicy.warn_at : DEFAULT_POLICY.warnLevel,
    userAllowlist: flag(hostPolicy.allow_not_phi, DEFAULT_POLICY.userAllowlist),
    allowOverride: flag(hostPolicy.allow_override, DEFAULT_POLICY.allowOverride),
    requireJustification: flag(hostPolicy.require_justification, DEFAULT_POLICY.requireJustification),
    justificationMinLength: Number.isInteger(hostPolicy.justification_min_length)
      ? hostPolicy.justification_min_length
      : DEFAULT_POLICY.justificationMinLength,
  });
}

// In a page: ask the service worker, which holds the host's answer (or the last one it had).
export async function loadPolicy(browserApi = globalThis.chrome) {
  try {
    const status = await browserApi.runtime.sendMessage({ type: MSG.PAGE_POLICY });
    return extensionPolicy(status?.policy);
  } catch {
    return DEFAULT_POLICY;
  }
}

// Without a verdict from the host (it has not answered yet): not covered, the default action.
export function verdictFor(url, policy = DEFAULT_POLICY) {
  return {
    workspace: originOf(url),
    covered: false,
    action: policy.action,
    matched_entry: null,
  };
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
