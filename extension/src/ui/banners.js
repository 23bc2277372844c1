// Non-modal notices: "scanner unavailable", "could not finish scanning" and the warning after pasting PHI.
import { uiRoot, el } from './ui-root.js';

const banners = new Map(); // kind -> element

export function showUnavailableNotice(doc, t) {
  showStatusNotice(doc, 'unavailable', t('noticeUnavailableTitle'), t('noticeUnavailableBody'));
}

export function hideUnavailableNotice() {
  removeBanner('unavailable');
}

// The host stopped before the end of the page (too large or too dense): findings are partial.
export function showIncompleteNotice(doc, t) {
  showStatusNotice(doc, 'incomplete', t('noticeIncompleteTitle'), t('noticeIncompleteBody'));
}

export function hideIncompleteNotice() {
  removeBanner('incomplete');
}

function showStatusNotice(doc, kind, title, body) {
  if (banners.has(kind)) return;
  const banner = el(doc, 'div', { class: 'banner', role: 'status', 'data-kind': kind }, [
    el(doc, 'strong', { text: title }),
    el(doc, 'span', { text: body }),
  ]);
  mount(doc, kind, banner);
}

// summary: text such as "1 Social Security number, 1 date"; onUndo undoes the paste.
export function showPasteWarning(doc, t, summary, onUndo) {
  removeBanner('paste');
  const banner = el(doc, 'div', { class: 'banner warning', role: 'alert', 'data-kind': 'paste' }, [
    el(doc, 'strong', { text: t('pasteWarningTitle') }),
    el(doc, 'span', { text: t('pasteWarningBody', [summary]) }),
    el(doc, 'div', { class: 'actions' }, [
      el(doc, 'button', { type: 'button', class: 'primary', text: t('pasteUndo'), onclick: () => { removeBanner('paste'); onUndo(); } }),
      el(doc, 'button', { type: 'button', text: t('pasteKeep'), onclick: () => removeBanner('paste') }),
    ]),
  ]);
  mount(doc, 'paste', banner);
}

function mount(doc, kind, banner) {
  uiRoot(doc).shadow.append(banner);
  banners.set(kind, banner);
}

function removeBanner(kind) {
  banners.get(kind)?.remove();
  banners.delete(kind);
}
