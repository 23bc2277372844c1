// Shows the finding card when the pointer rests on a highlight or the caret enters one.
import { showCard, hideCardSoon, hideCard, cardKey } from '../ui/card.js';

// describe(item) -> card content {title, meta, why, confidence, actions}
export function installHover({ doc, painter, describe }) {
  let frame = 0;
  let pointer = null;

  doc.addEventListener(
    'mousemove',
    (event) => {
      pointer = { x: event.clientX, y: event.clientY };
      if (!frame) frame = doc.defaultView.requestAnimationFrame(onPointer);
    },
    { passive: true, capture: true },
  );
  doc.addEventListener('selectionchange', onCaret);

  function onPointer() {
    frame = 0;
    const item = itemAtPoint(doc, painter, pointer);
    if (item) show(item, pointerRect(item.range, pointer));
    else if (cardKey()?.startsWith('pointer:')) hideCardSoon();
  }

  function onCaret() {
    const selection = doc.getSelection();
    if (!selection?.isCollapsed || !selection.focusNode) return;
    const item = painter.at(selection.focusNode, selection.focusOffset);
    if (item) show(item, item.range.getBoundingClientRect(), 'caret:');
    else if (cardKey()?.startsWith('caret:')) hideCard();
  }

  function show(item, anchor, prefix = 'pointer:') {
    const key = `${prefix}${item.editorId}:${item.finding.start}:${item.finding.end}`;
    showCard(doc, { ...describe(item), anchor, key });
  }
}

function itemAtPoint(doc, painter, point) {
  const caret = caretFromPoint(doc, point.x, point.y);
  if (!caret) return null;
  const item = painter.at(caret.node, caret.offset);
  return item && pointerRect(item.range, point) ? item : null;
}

// The client rect of the range that holds the point (caret lookups snap to the nearest text).
function pointerRect(range, point) {
  for (const rect of range.getClientRects()) {
    if (point.x >= rect.left - 1 && point.x <= rect.right + 1 && point.y >= rect.top - 1 && point.y <= rect.bottom + 1) {
      return rect;
    }
  }
  return null;
}

function caretFromPoint(doc, x, y) {
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
