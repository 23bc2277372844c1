// What the save dialog says and offers, derived from a decision. Pure: the DOM side only renders it.
// Strings are message keys from _locales; `t` turns a key (and substitutions) into text.

// decision: the result of decideSave() that is not 'allow'.
export function buildSaveDialog(decision, t) {
  const unavailable = decision.kind === 'unavailable';
  const unfinished = unavailable && decision.incomplete;
  const groups = Object.entries(decision.counts ?? {})
    .map(([category, count]) => ({ category, count, label: categoryLabel(category, t) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const buttons = [{ action: 'back', label: t('dialogGoBack'), primary: true }];
  if (!unavailable) buttons.push({ action: 'replace', label: t('dialogReplaceAll') });
  if (decision.canOverride) buttons.push({ action: 'override', label: t('dialogSaveAnyway'), needsJustification: true });
  return {
    title: t(unfinished ? 'dialogIncompleteTitle' : unavailable ? 'dialogUnavailableTitle' : 'dialogFindingsTitle'),
    body: t(unfinished ? 'dialogIncompleteBody' : unavailable ? 'dialogUnavailableBody' : 'dialogFindingsBody'),
    groups,
    total: groups.reduce((sum, group) => sum + group.count, 0),
    buttons,
    defaultAction: 'back',
    justificationLabel: decision.canOverride ? t('dialogJustificationLabel') : null,
    blockedNote: decision.canOverride ? null : t('dialogBlockedNote'),
    incompleteNote: decision.incomplete && !unavailable ? t('dialogIncompleteNote') : null,
  };
}

export function categoryLabel(category, t) {
  const key = `category_${category}`;
  const text = t(key);
  return text && text !== key ? text : category;
}

// A justification must say something: at least a few non-space characters.
export function isJustificationValid(text) {
  return String(text ?? '').replace(/\s+/g, '').length >= 4;
}

// The next element to focus when Tab or Shift+Tab is pressed inside a focus trap.
export function nextFocusIndex(count, current, backwards) {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  return (current + (backwards ? count - 1 : 1)) % count;
}
