// What the trainer sandbox says about findings. Pure: strings come from _locales through `t`, so
// node tests run it with a fake `t`.
import { atOrAbove } from '../common/confidence.js';
import { placeholderFor } from '../common/placeholders.js';

// The 18 Safe Harbor identifiers, 45 CFR 164.514(b)(2)(i)(A)-(R); each has hipaa_<letter>_name and
// hipaa_<letter>_plain in _locales.
export const SAFE_HARBOR_LETTERS = Object.freeze([...'ABCDEFGHIJKLMNOPQR']);

export function isSafeHarborLetter(letter) {
  return SAFE_HARBOR_LETTERS.includes(letter);
}

// Findings the host could not place on a letter are "any other unique identifying number" (R).
export function letterOf(finding) {
  return isSafeHarborLetter(finding.hipaa) ? finding.hipaa : 'R';
}

export function identifierName(letter, t) {
  return t(`hipaa_${letter}_name`);
}

// What would make the text safe to keep, as a message key and its substitutions.
export function remedyFor(finding, quote) {
  if (finding.category === 'date') {
    const year = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(quote ?? '')?.[1];
    return year ? { key: 'sandboxRemedyYear', substitutions: [year] } : { key: 'sandboxRemedyYearOnly', substitutions: [] };
  }
  if (finding.category === 'age') return { key: 'sandboxRemedyAge', substitutions: [] };
  return { key: 'sandboxRemedyPlaceholder', substitutions: [placeholderFor(finding)] };
}

// Everything the explanation panel shows for one finding. `quote` is the finding's text as it
// stands in the sandbox editor (the trainer's own page, never stored or sent anywhere).
export function explainFinding(finding, quote, t) {
  const letter = letterOf(finding);
  const remedy = remedyFor(finding, quote);
  return {
    letter,
    identifier: identifierName(letter, t),
    ruleName: typeof finding.name === 'string' ? finding.name : '', // the rule's plain name, when the host sends it
    plain: t(`hipaa_${letter}_plain`),
    why: finding.why ?? '',
    confidence: finding.confidence,
    confidenceLabel: t(`confidence_${finding.confidence}`),
    remedy: t(remedy.key, remedy.substitutions),
    quote: quote ?? '',
  };
}

// Findings at or above the warn level, counted per Safe Harbor letter, in letter order.
export function tallyByIdentifier(findings, warnLevel) {
  const counts = new Map();
  for (const finding of findings) {
    if (!atOrAbove(finding.confidence, warnLevel)) continue;
    const letter = letterOf(finding);
    counts.set(letter, (counts.get(letter) ?? 0) + 1);
  }
  return SAFE_HARBOR_LETTERS.filter((letter) => counts.has(letter)).map((letter) => ({ letter, count: counts.get(letter) }));
}

// The workspace the "Publish" button pretends to save into: never covered, so the dialog shows.
export function simulatedVerdict(policy) {
  return {
    workspace: 'https://training.example/wiki',
    product: 'confluence',
    covered: false,
    action: policy.action ?? 'warn',
    matched_entry: null,
  };
}
