// PHI Sentry's UI lives in a closed shadow root attached outside any editor, so the page can
// neither read it nor reach its buttons, and editors never see a foreign node. The page can still
// see the host element, so: its styles are inline and !important (and repeated as :host rules
// inside the shadow root, which beat any !important of the page), a MutationObserver puts it back
// when the page removes, moves or restyles it, and the save dialog sits in the top layer
// (popover), above any z-index. isShown() tells whether an element really is in front of the user.
import { UI_CSS } from './styles.js';

const HOST_TAG = 'phisentry-ui';
// `all: initial` first resets every property a page could use (opacity, clip-path, transform,
// filter, pointer-events, visibility ...); the rest places the host.
const HOST_STYLE = [
  'all: initial', 'display: block', 'position: fixed', 'top: 0', 'left: 0', 'width: 0', 'height: 0',
  'z-index: 2147483647', 'visibility: visible', 'opacity: 1', 'pointer-events: auto',
].map((declaration) => `${declaration} !important;`).join(' ');
// A page that fights the observer (removing the host as fast as it is put back) would spin both
// forever; past this many repairs a second the observer rests, and isShown() reports the truth.
// (Style fights need no repair to be lost by the page: the :host rules in styles.js win.)
const MAX_REPAIRS_PER_SECOND = 50;

const roots = new WeakMap();

export function uiRoot(doc) {
  let root = roots.get(doc);
  if (root) {
    if (!isIntact(root)) repair(root); // the observer may be resting (see MAX_REPAIRS_PER_SECOND)
    return root;
  }
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = UI_CSS;
  shadow.append(style);
  doc.documentElement.append(host);
  root = { host, shadow, doc, onRepair: new Set() };
  roots.set(doc, root);
  guard(root);
  return root;
}

// Puts the host back where it belongs, with only its own style, whenever the page changes that.
function guard(root) {
  const { host, doc } = root;
  let repairs = 0;
  let windowStart = 0;
  // This script's own MutationObserver and clock, not the page's (in Firefox the window is an Xray).
  const observer = new MutationObserver(() => {
    if (isIntact(root)) return;
    const now = performance.now();
    if (now - windowStart > 1000) {
      windowStart = now;
      repairs = 0;
    }
    if (++repairs > MAX_REPAIRS_PER_SECOND) return;
    repair(root);
  });
  observer.observe(host, { attributes: true });
  const watchParent = () => observer.observe(doc.documentElement, { childList: true });
  watchParent();
  root.watchParent = watchParent;
}

function isIntact({ host, doc }) {
  return host.parentNode === doc.documentElement && host.attributes.length === 1 && host.getAttribute('style') === HOST_STYLE;
}

function repair(root) {
  const { host, doc } = root;
  for (const name of host.getAttributeNames()) if (name !== 'style') host.removeAttribute(name);
  if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
  if (host.parentNode === doc.documentElement) return;
  doc.documentElement.append(host);
  root.watchParent(); // the page may have replaced the root element
  for (const listener of root.onRepair) listener(); // e.g. show the dialog again (removal closed it)
}

// Whether `element` (inside the UI) is what the user sees at its centre: nothing of the page above
// it, and no style on it or its host that hit testing ignores (opacity, visibility).
export function isShown(root, element) {
  const { host, shadow, doc } = root;
  if (!host.isConnected || !element.isConnected) return false;
  const rect = element.getBoundingClientRect();
  const win = doc.defaultView;
  if (rect.width < 1 || rect.height < 1) return false;
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), win.innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), win.innerHeight - 1);
  if (doc.elementFromPoint(x, y) !== host) return false;
  const hit = shadow.elementFromPoint(x, y);
  if (!hit || !(hit === element || element.contains(hit))) return false;
  for (let node = element; node; node = node.parentElement ?? node.getRootNode().host ?? null) {
    const style = win.getComputedStyle(node);
    if (style.visibility !== 'visible' || Number(style.opacity) < 0.95 || style.display === 'none') return false;
    if (node === host) break;
  }
  return true;
}

// A tiny element builder: el(doc, 'button', {class: 'primary', text: 'OK'}, children).
export function el(doc, tag, props = {}, children = []) {
  const element = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children);
  return element;
}
