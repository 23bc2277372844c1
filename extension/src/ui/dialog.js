// The save dialog: role="alertdialog", aria-modal, focus trapped, Escape = go back. It sits in the
// top layer and only takes an answer that lets the save go on ("Replace all", "Save anyway") from
// the user's own input (event.isTrusted) while it is really in front of them (isShown): a page
// that covers, hides or scripts it gets "go back" at most.
// Renders a model from common/dialog-model.js and resolves with what the user chose.
import { uiRoot, el, isShown } from './ui-root.js';
import { isJustificationValid, nextFocusIndex } from '../common/dialog-model.js';

let openDialog = null;

export function isDialogOpen() {
  return openDialog !== null;
}

// Resolves with {action: 'back' | 'replace' | 'override', justification, confirmed}; `confirmed` is
// true only for an answer given by the user on the visible dialog. confirmOverride(text), when
// given, must answer {ok} before an override closes the dialog; {ok: false, message} keeps it
// open with the message (e.g. the host found PHI in the justification).
export function showSaveDialog(doc, model, t, { confirmOverride } = {}) {
  if (openDialog) openDialog.close({ action: 'back' });
  const root = uiRoot(doc);
  const previousFocus = doc.activeElement;
  return new Promise((resolve) => {
    const view = renderDialog(doc, model, t);
    view.root = root;
    view.defaultButton = view.buttons.get(model.defaultAction);
    root.shadow.append(view.backdrop);
    const keepInFront = () => raise(view);
    const close = (result) => {
      root.onRepair.delete(keepInFront);
      view.backdrop.remove();
      openDialog = null;
      restoreFocus(previousFocus);
      resolve(result);
    };
    openDialog = { close };
    root.onRepair.add(keepInFront);
    wireDialog(view, t, close, confirmOverride);
    raise(view);
    requestAnimationFrame(() => isShown(root, view.dialog) || raise(view));
  });
}

// Shows the dialog on top of the top layer (again): above anything the page opened since.
function raise(view) {
  const { backdrop } = view;
  if (!backdrop.isConnected) return;
  try {
    if (backdrop.matches(':popover-open')) backdrop.hidePopover();
    backdrop.showPopover();
  } catch {
    // no popover support: the backdrop's z-index is the fallback
  }
  const focused = view.dialog.getRootNode().activeElement;
  if (!focused || !view.dialog.contains(focused)) view.defaultButton?.focus();
}

function renderDialog(doc, model, t) {
  const buttons = new Map();
  const buttonElements = model.buttons.map((spec) => {
    const button = el(doc, 'button', {
      type: 'button',
      class: spec.primary ? 'primary' : spec.action === 'override' ? 'danger' : null,
      'data-action': spec.action,
      text: spec.label,
    });
    buttons.set(spec.action, button);
    return button;
  });
  const groups = el(
    doc,
    'ul',
    { class: 'groups', 'aria-label': t('dialogGroupsLabel') },
    model.groups.map((group) =>
      el(doc, 'li', {}, [el(doc, 'span', { text: group.label }), el(doc, 'span', { class: 'count', text: String(group.count) })]),
    ),
  );
  const justification = el(doc, 'textarea', { id: 'phisentry-justification', 'aria-describedby': 'phisentry-justification-error' });
  const error = el(doc, 'div', { class: 'error', id: 'phisentry-justification-error', role: 'alert' });
  const justifyBox = el(doc, 'div', { class: 'justify', hidden: true }, [
    el(doc, 'label', { for: 'phisentry-justification', text: model.justificationLabel ?? '' }),
    justification,
    error,
  ]);
  const dialog = el(
    doc,
    'div',
    { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'phisentry-dialog-title', 'aria-describedby': 'phisentry-dialog-body' },
    [
      el(doc, 'h2', { id: 'phisentry-dialog-title', text: model.title }),
      el(doc, 'p', { id: 'phisentry-dialog-body', text: model.body }),
      ...(model.groups.length ? [groups] : []),
      ...(model.incompleteNote ? [el(doc, 'p', { class: 'note', text: model.incompleteNote })] : []),
      justifyBox,
      ...(model.blockedNote ? [el(doc, 'p', { class: 'note', text: model.blockedNote })] : []),
      el(doc, 'div', { class: 'buttons' }, buttonElements),
    ],
  );
  const backdrop = el(doc, 'div', { class: 'backdrop', popover: 'manual' }, [dialog]);
  return { backdrop, dialog, buttons, justification, justifyBox, error };
}

function wireDialog(view, t, close, confirmOverride) {
  for (const [action, button] of view.buttons) {
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return; // a script's click, not the user's
      if (action !== 'back' && !isShown(view.root, view.dialog)) return raise(view); // the user could not see it
      return onAction(action, view, t, close, confirmOverride);
    });
  }
  view.dialog.addEventListener('keydown', (event) => onKeydown(event, view, close));
  view.justification.addEventListener('input', () => {
    if (!isJustificationValid(view.justification.value)) return;
    view.error.textContent = '';
    view.justification.removeAttribute('aria-invalid');
  });
  // A click on the backdrop must not reach the page; it does nothing else.
  view.backdrop.addEventListener('mousedown', (event) => {
    if (event.target === view.backdrop) event.preventDefault();
  });
}

function onAction(action, view, t, close, confirmOverride) {
  if (action !== 'override') return close({ action, confirmed: true });
  if (view.justifyBox.hidden) {
    view.justifyBox.hidden = false;
    view.justification.focus();
    return undefined;
  }
  const text = view.justification.value;
  if (!isJustificationValid(text)) return showJustificationError(view, t('dialogJustificationNeeded'));
  if (!confirmOverride) return close({ action: 'override', justification: text.trim() });
  const button = view.dialog.querySelector('[data-action="override"]');
  button.disabled = true;
  return Promise.resolve(confirmOverride(text.trim()))
    .catch(() => ({ ok: true }))
    .then((answer) => {
      button.disabled = false;
      if (answer?.ok === false) showJustificationError(view, answer.message);
      else close({ action: 'override', justification: text.trim(), confirmed: true });
    });
}

function showJustificationError(view, message) {
  view.error.textContent = message;
  view.justification.setAttribute('aria-invalid', 'true');
  view.justification.focus();
  return undefined;
}

function onKeydown(event, view, close) {
  event.stopPropagation(); // the page's shortcuts must not act while the dialog is open
  if (!event.isTrusted) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    close({ action: 'back' });
  } else if (event.key === 'Tab') {
    event.preventDefault();
    const focusable = focusableIn(view);
    const current = focusable.indexOf(view.dialog.getRootNode().activeElement);
    focusable[nextFocusIndex(focusable.length, current, event.shiftKey)]?.focus();
  }
}

function focusableIn(view) {
  const elements = [];
  if (!view.justifyBox.hidden) elements.push(view.justification);
  elements.push(...view.buttons.values());
  return elements;
}

function restoreFocus(element) {
  try {
    element?.focus?.({ preventScroll: true });
  } catch {
    // the element is gone
  }
}
