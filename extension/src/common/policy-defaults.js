// The one place that says what PHI Sentry does before an administrator's policy exists.
// The policy issue replaces loadPolicy() and verdictFor(); everything else reads policy
// through them, so nothing else needs to change when it lands.

export const DEFAULT_POLICY = Object.freeze({
  // Extra watched sites (Confluence/Jira Data Center live on the clinic's own domains), as
  // match patterns such as "https://wiki.clinic.example/*". Atlassian Cloud is always watched.
  workspaces: Object.freeze([]),
  action: 'warn', // what to do with findings in an uncovered workspace: 'warn' | 'block'
  failMode: 'warn', // what to do when the scanner is unavailable: 'open' | 'warn' | 'block'
  warnLevel: 'medium', // findings at or above this confidence count
  userAllowlist: true, // may users mark a finding "Not PHI"?
});

export async function loadPolicy() {
  return DEFAULT_POLICY;
}

// Until policy exists every watched workspace is "not covered".
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
