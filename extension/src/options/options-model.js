// What the options page shows: the effective policy with where each value came from, and the
// user's "Not PHI" list as what it is (HMAC-SHA-256 digests under the install's key). Pure, so node tests check it.

// The keys of extension/schema/managed-policy.json, each with optionsKey_<key> in _locales.
export const POLICY_KEYS = Object.freeze([
  'workspaces', 'default_action', 'warn_at', 'allow_override', 'require_justification', 'justification_min_length',
  'fail_mode', 'allow_not_phi', 'disabled_categories', 'allowlist_files', 'edm_files', 'audit', 'require_signed_rules',
]);
const SOURCE_KEYS = Object.freeze({ managed: 'optionsSourceManaged', system: 'optionsSourceSystem', default: 'optionsSourceDefault' });

// policyStatus: the worker's POLICY_STATUS reply ({policy, sources, errors}). Until the host has
// reported a policy there is nothing of the organisation's to show (policyNote says so).
// `translate` turns a _locales key into text (yes/no for booleans).
export function policyRows(policyStatus, translate = (key) => key) {
  const policy = policyStatus?.policy ?? {};
  const sources = policyStatus?.sources ?? {};
  return Object.keys(policy)
    .sort()
    .map((key) => {
      const source = SOURCE_KEYS[sources[key]] ? sources[key] : 'default';
      return {
        key,
        labelKey: POLICY_KEYS.includes(key) ? `optionsKey_${key}` : null,
        value: formatValue(policy[key], translate),
        source,
        sourceKey: SOURCE_KEYS[source],
        managed: source === 'managed',
      };
    });
}

// A line above the table when it does not show the host's current policy.
export function policyNote(policyStatus) {
  if (!policyStatus?.policy) return 'optionsPolicyDefaults';
  if (policyStatus.cached) return 'optionsPolicyCached';
  return null;
}

// A policy value as short readable text: workspace entries as "match (label)", lists one per line,
// other objects (audit settings) as "name: value" lines, booleans as yes/no.
export function formatValue(value, translate = (key) => key) {
  const format = (inner) => formatValue(inner, translate);
  if (Array.isArray(value)) return value.length ? value.map(format).join('\n') : '—';
  if (typeof value === 'boolean') return translate(value ? 'optionsYes' : 'optionsNo');
  if (value && typeof value === 'object') {
    if (typeof value.match === 'string') return value.label ? `${value.match} (${value.label})` : value.match;
    const entries = Object.entries(value);
    return entries.length ? entries.map(([name, inner]) => `${name}: ${format(inner).replaceAll('\n', ', ')}`).join('\n') : '—';
  }
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

// Digests, sorted, each with a short form for display; anything that is not a 64-digit hex digest
// is left out (storage is shared with other code and could hold anything).
export function digestRows(digests) {
  return [...new Set(digests ?? [])]
    .filter((digest) => typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest))
    .sort()
    .map((digest) => ({ digest, short: `${digest.slice(0, 12)}…${digest.slice(-4)}` }));
}
