// Which user actions save a page. Pure, so the lists are unit-tested.
const SAVE_LABELS = ['publish', 'update', 'save', 'save changes', 'create', 'add comment', 'post', 'submit'];
const SAVE_TEST_IDS = /(^|[-_])(publish|update|save|create|submit|comment-save)([-_]|$)/i;

export function isSaveLabel(label) {
  const normalised = String(label ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return SAVE_LABELS.includes(normalised);
}

export function isSaveTestId(testId) {
  return SAVE_TEST_IDS.test(String(testId ?? ''));
}

// Ctrl/Cmd+S and Ctrl/Cmd+Enter. `event` needs key, ctrlKey, metaKey, altKey.
export function isSaveShortcut(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = String(event.key ?? '').toLowerCase();
  return key === 's' || key === 'enter';
}
