// Changes text through the editor's own input path (selection + execCommand('insertText')),
// so ProseMirror and TinyMCE see ordinary user input and their undo history stays whole.

// Applies mutation records that the observer has not delivered yet, so the text model is current.
export function settle(session) {
  session.drainMutations?.();
}

export function replace(session, snapshot, finding, placeholder) {
  const element = session.element;
  const doc = element.ownerDocument;
  if (session.adapter.model === 'field') return replaceInField(element, doc, finding, placeholder);
  const span = snapshot.toDomRange(finding.start, finding.end);
  if (!span) return false;
  const range = doc.createRange();
  range.setStart(span.startNode, span.startOffset);
  range.setEnd(span.endNode, span.endOffset);
  element.focus({ preventScroll: true });
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return doc.execCommand('insertText', false, placeholder);
}

function replaceInField(field, doc, finding, placeholder) {
  field.focus({ preventScroll: true });
  field.setSelectionRange(finding.start, finding.end);
  if (doc.execCommand('insertText', false, placeholder)) return true;
  // Browsers without execCommand in fields: the value changes, and frameworks hear an input event.
  field.setRangeText(placeholder, finding.start, finding.end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}


// Undo through the editor's own history: rich editors keep their own undo stack, which the
// browser's native execCommand('undo') does not reach.
export function undoInEditor(element) {
  const doc = element.ownerDocument;
  const view = doc.defaultView;
  element.focus({ preventScroll: true });
  const beforeInput = new view.InputEvent('beforeinput', { inputType: 'historyUndo', bubbles: true, cancelable: true });
  if (!element.dispatchEvent(beforeInput)) return true;
  const mac = /Mac|iPhone|iPad/.test(view.navigator.platform);
  const keydown = new view.KeyboardEvent('keydown', {
    key: 'z', code: 'KeyZ', ctrlKey: !mac, metaKey: mac, bubbles: true, cancelable: true,
  });
  if (!element.dispatchEvent(keydown)) return true;
  return doc.execCommand('undo');
}

export const editing = { settle, replace, undo: undoInEditor };
