// Decides what happens when the user tries to save. Pure: the caller gathers the facts.
import { atOrAbove } from './confidence.js';

// facts: { findings: [{confidence, category}], verdict, policy, scannerAvailable, scanIncomplete }
// returns { kind: 'allow' } or { kind: 'findings' | 'unavailable', canOverride, counts, incomplete? }
// scanIncomplete: the host stopped early (its hit limit), so text past that point went unchecked.
export function decideSave({ findings, verdict, policy, scannerAvailable, scanIncomplete = false }) {
  if (verdict && (verdict.covered || verdict.action === 'allow')) return { kind: 'allow' };
  if (!scannerAvailable) return decideUnavailable(policy.failMode, policy.allowOverride !== false);
  const byFindings = decideFindings(findings, verdict, policy);
  return scanIncomplete ? decideIncomplete(byFindings, policy) : byFindings;
}

function decideFindings(findings, verdict, policy) {
  const counts = countAtOrAbove(findings, policy.warnLevel);
  if (Object.keys(counts).length === 0) return { kind: 'allow' };
  const action = verdict?.action ?? policy.action;
  return { kind: 'findings', canOverride: action !== 'block' && policy.allowOverride !== false, counts };
}

// An unfinished scan counts as a partly unavailable scanner: the fail mode applies, unless the
// findings that did come back already call for something stricter. Findings are still shown.
function decideIncomplete(byFindings, policy) {
  const byFailMode = decideUnavailable(policy.failMode, policy.allowOverride !== false);
  if (byFailMode.kind === 'allow') return byFindings;
  if (byFindings.kind === 'allow') return { ...byFailMode, incomplete: true };
  return { ...byFindings, canOverride: byFindings.canOverride && byFailMode.canOverride, incomplete: true };
}

function decideUnavailable(failMode, allowOverride) {
  if (failMode === 'open') return { kind: 'allow' };
  return { kind: 'unavailable', canOverride: failMode !== 'block' && allowOverride, counts: {} };
}

export function countAtOrAbove(findings, level) {
  const counts = {};
  for (const finding of findings) {
    if (!atOrAbove(finding.confidence, level)) continue;
    counts[finding.category] = (counts[finding.category] ?? 0) + 1;
  }
  return counts;
}

// Whether the save guard needs to stop saves at all on this page.
export function mayNeedGate(verdict) {
  return !(verdict && (verdict.covered || verdict.action === 'allow'));
}
