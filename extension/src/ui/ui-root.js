// PHI Sentry's UI lives in a closed shadow root attached outside any editor, so the page can
// neither style it away nor read it, and editors never see a foreign node.
import { UI_CSS } from './styles.js';

const roots = new WeakMap();

export function uiRoot(doc) {
  let root = roots.get(doc);
  if (root?.host.isConnected) return root;
  const host = doc.createElement('phisentry-ui');
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = UI_CSS;
  shadow.append(style);
  doc.documentElement.append(host);
  root = { host, shadow, doc };
  roots.set(doc, root);
  return root;
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
