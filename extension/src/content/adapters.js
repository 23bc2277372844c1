// Editor adapters: where each supported editor lives in the DOM and what to call it. Text
// extraction is shared (text-model.js); adapters differ in how they are found and named.
import { BlockTextModel, FieldTextModel } from './text-model.js';

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'tel', 'url']);

export const ADAPTERS = Object.freeze([
  {
    kind: 'confluence-title',
    selector: 'textarea[data-test-id="editor-title"], textarea[data-testid="editor-title"], #content-title',
    model: 'field',
  },
  {
    kind: 'jira-summary',
    selector: 'textarea[name="summary"], input[name="summary"], #summary',
    model: 'field',
  },
  {
    kind: 'jira-rich-text',
    selector:
      '[data-testid*="description"] .ProseMirror[contenteditable="true"], [data-testid*="comment"] .ProseMirror[contenteditable="true"]',
    model: 'blocks',
  },
  { kind: 'confluence-cloud', selector: '.ProseMirror[contenteditable="true"]', model: 'blocks' },
  { kind: 'tinymce', selector: 'body#tinymce, body.mce-content-body', model: 'blocks' },
  { kind: 'contenteditable', selector: '[contenteditable]:not([contenteditable="false"])', model: 'blocks' },
  { kind: 'field', selector: 'textarea, input', model: 'field' },
]);

const ALL_SELECTORS = ADAPTERS.map((adapter) => adapter.selector).join(', ');

// The adapter for an element, or null when it is not an editor we watch.
export function adapterFor(element) {
  if (!isWatchableEditor(element)) return null;
  return ADAPTERS.find((adapter) => element.matches(adapter.selector)) ?? null;
}

// Every watched editor under `root` (a document or element), outermost editable roots only.
export function findEditors(root) {
  const found = [];
  for (const element of root.querySelectorAll(ALL_SELECTORS)) {
    const adapter = adapterFor(element);
    if (adapter) found.push({ element, adapter });
  }
  return found;
}

export function createTextModel(element, adapter) {
  return adapter.model === 'field' ? new FieldTextModel(element) : new BlockTextModel(element);
}

function isWatchableEditor(element) {
  const name = element.nodeName.toUpperCase();
  if (name === 'TEXTAREA' || name === 'INPUT') return isWatchableField(element);
  if (!isEditableRoot(element)) return false;
  return element.getAttribute('aria-hidden') !== 'true';
}

function isWatchableField(field) {
  if (field.disabled || field.readOnly) return false;
  if (field.nodeName.toUpperCase() === 'INPUT') {
    const type = (field.getAttribute('type') ?? '').toLowerCase();
    if (!TEXT_INPUT_TYPES.has(type)) return false;
  }
  // Editors keep hidden textareas with their HTML source: not what the user sees.
  return !isHidden(field);
}

function isEditableRoot(element) {
  const value = element.getAttribute('contenteditable');
  if (value === null || value.toLowerCase() === 'false') return false;
  const parent = element.parentElement;
  return !parent?.closest('[contenteditable]:not([contenteditable="false"])');
}

function isHidden(element) {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return typeof element.getClientRects === 'function' && element.ownerDocument?.defaultView?.getComputedStyle
    ? element.getClientRects().length === 0
    : false;
}
