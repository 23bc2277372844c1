// Stops saves in the capture phase (before the page's own handlers) until the gate allows them,
// then replays the same action. Buttons: Publish, Update, Save, Create, Add comment; keys:
// Ctrl/Cmd+S, Ctrl/Cmd+Enter; and form submits.
import { isSaveLabel, isSaveShortcut, isSaveTestId } from '../common/save-triggers.js';

const CLICKABLE = 'button, [role="button"], input[type="submit"], input[type="button"], a';

export function saveButtonFrom(target) {
  const button = target?.closest?.(CLICKABLE);
  if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return null;
  const label = button.getAttribute('aria-label') || button.textContent || button.value || '';
  const testId = button.getAttribute('data-testid') || button.getAttribute('data-test-id');
  return isSaveLabel(label) || isSaveTestId(testId) ? button : null;
}

// needsGate(): whether this page may need the gate at all; runGate(): resolves {proceed}.
export function installSaveGuard({ win, needsGate, runGate }) {
  let replaying = 0;
  let gating = false;

  function replay(action) {
    replaying += 1;
    try {
      action();
    } finally {
      replaying -= 1;
    }
  }

  function intercept(event, replayAction) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (gating) return; // the dialog is already up
    gating = true;
    runGate()
      .then((result) => result?.proceed && replay(replayAction))
      .finally(() => {
        gating = false;
      });
  }

  win.addEventListener(
    'click',
    (event) => {
      if (replaying || !needsGate()) return;
      const button = saveButtonFrom(event.target);
      if (button) intercept(event, () => button.click());
    },
    true,
  );

  win.addEventListener(
    'keydown',
    (event) => {
      if (replaying || !isSaveShortcut(event) || !needsGate()) return;
      const target = event.target;
      const init = {
        key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey,
        shiftKey: event.shiftKey, altKey: false, bubbles: true, cancelable: true, composed: true,
      };
      intercept(event, () => target.dispatchEvent(new KeyboardEvent('keydown', init)));
    },
    true,
  );

  win.addEventListener(
    'submit',
    (event) => {
      if (replaying || !needsGate()) return;
      const form = event.target;
      const submitter = event.submitter ?? null;
      intercept(event, () => form.requestSubmit(submitter));
    },
    true,
  );
}
