// The small card shown on hover or caret over a highlighted finding.
import { uiRoot, el } from './ui-root.js';

let current = null;

// anchor: a DOMRect in the frame's viewport; actions: [{label, run}]
export function showCard(doc, { anchor, title, meta, why, confidence, actions, key }) {
  if (current?.key === key) return;
  hideCard();
  const { shadow } = uiRoot(doc);
  const card = el(doc, 'div', { class: `card ${confidence}`, role: 'dialog', 'aria-label': title }, [
    el(doc, 'div', { class: 'title', text: title }),
    el(doc, 'div', { class: 'meta', text: meta }),
    el(doc, 'div', { class: 'why', text: why }),
    el(
      doc,
      'div',
      { class: 'actions' },
      actions.map((action) => el(doc, 'button', { type: 'button', text: action.label, onclick: () => runAction(action) })),
    ),
  ]);
  // Keep the editor's selection: clicking a card button must not move focus first.
  card.addEventListener('mousedown', (event) => event.preventDefault());
  card.addEventListener('mouseenter', () => cancelHide());
  card.addEventListener('mouseleave', () => hideCardSoon());
  placeCard(doc, card, anchor);
  shadow.append(card);
  current = { key, card, timer: null };
}

export function hideCardSoon(delayMs = 400) {
  if (!current || current.timer) return;
  current.timer = setTimeout(hideCard, delayMs);
}

export function cancelHide() {
  if (current?.timer) clearTimeout(current.timer);
  if (current) current.timer = null;
}

export function hideCard() {
  cancelHide();
  current?.card.remove();
  current = null;
}

export function cardKey() {
  return current?.key ?? null;
}

function runAction(action) {
  hideCard();
  action.run();
}

function placeCard(doc, card, anchor) {
  const view = doc.defaultView;
  const width = 300;
  const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
  const below = anchor.bottom + 6;
  const top = below + 150 > view.innerHeight ? Math.max(8, anchor.top - 156) : below;
  card.style.left = `${left}px`;
  card.style.top = `${top}px`;
}
