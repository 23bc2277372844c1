// Turns an editor's DOM into plain text plus a map from text offsets (UTF-16, as the host
// reports them) back to DOM points. Text is cached per top-level block and invalidated from
// MutationObserver records, so a keystroke costs one block's walk, not the whole editor's.
// Uses only standard DOM properties, so node tests can run it on a fixture DOM.

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function isBlockElement(node) {
  return node.nodeType === ELEMENT_NODE && BLOCKS.has(node.nodeName.toUpperCase());
}

// Editor furniture that is not content: hidden nodes, TinyMCE's "bogus" nodes, ProseMirror's
// placeholder breaks.
function isSkipped(element) {
  if (SKIPPED.has(element.nodeName.toUpperCase())) return true;
  if (element.hasAttribute?.('hidden') || element.hasAttribute?.('data-mce-bogus')) return true;
  const classes = element.classList;
  return Boolean(classes?.contains('ProseMirror-trailingBreak') || classes?.contains('ProseMirror-separator'));
}

// One block's text and the text nodes it came from: segments [{node, start, end}] in order.
// Block boundaries and <br> become "\n"; a boundary adds at most one "\n". A table row becomes one
// line with its cells split by "\t", so the host reads each cell under its column's header.
export function extractBlock(root) {
  const state = { parts: [], segments: [], length: 0, endsWithBreak: true, breakPending: false, atCellStart: false };
  walk(root, state);
  return { text: state.parts.join(''), segments: state.segments };
}

function walk(node, state) {
  if (node.nodeType === TEXT_NODE) return appendText(node, state);
  if (node.nodeType !== ELEMENT_NODE || isSkipped(node)) return;
  if (node.nodeName.toUpperCase() === 'BR') return appendBreak(state);
  const block = isBlockElement(node);
  if (block) state.breakPending = true;
  if (isCell(node)) startCell(node, state);
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, state);
  if (block) state.breakPending = true;
}

function isCell(node) {
  const name = node?.nodeName?.toUpperCase();
  return node?.nodeType === ELEMENT_NODE && (name === 'TD' || name === 'TH');
}

// Separators are written when a cell opens, not when its text comes, so an empty cell still takes
// its column: "a\t\tc".
function startCell(cell, state) {
  let previous = cell.previousSibling;
  while (previous && previous.nodeType !== ELEMENT_NODE) previous = previous.previousSibling;
  if (isCell(previous)) appendSeparator(state, '\t');
  else if (!state.endsWithBreak) appendSeparator(state);
  state.breakPending = false;
  state.atCellStart = true;
}

function appendText(node, state) {
  const data = node.data;
  if (!data) return;
  if (state.breakPending && !state.endsWithBreak && !state.atCellStart) appendSeparator(state);
  state.breakPending = false;
  state.atCellStart = false;
  state.segments.push({ node, start: state.length, end: state.length + data.length });
  state.parts.push(data);
  state.length += data.length;
  state.endsWithBreak = data.endsWith('\n');
}

function appendBreak(state) {
  state.breakPending = false;
  appendSeparator(state);
}

function appendSeparator(state, separator = '\n') {
  state.parts.push(separator);
  state.length += 1;
  state.endsWithBreak = separator === '\n';
}

// A joined text and its offset map, valid until the editor's DOM changes. The blocks' texts are
// joined (with "\n") only when the whole text is asked for: a keystroke on a 1 MiB page needs only
// the changed window, and joining a MiB per keystroke was most of the snapshot's cost.
export class TextSnapshot {
  #text = null;

  constructor(blocks, starts, length) {
    this.blocks = blocks; // [{text, segments}]
    this.starts = starts; // offset of each block in text
    this.length = length; // of the joined text
  }

  get text() {
    this.#text ??= this.blocks.map((block) => block.text).join('\n');
    return this.#text;
  }

  // text.slice(start, end), from the blocks it spans (0 <= start <= end).
  slice(start, end) {
    if (this.#text !== null) return this.#text.slice(start, end);
    const pieces = [];
    for (let i = Math.max(0, lastAtOrBefore(this.starts, start)); i < this.blocks.length && this.starts[i] < end; i += 1) {
      const withBreak = i + 1 < this.blocks.length ? `${this.blocks[i].text}\n` : this.blocks[i].text;
      pieces.push(withBreak.slice(Math.max(0, start - this.starts[i]), end - this.starts[i]));
    }
    return pieces.join('');
  }

  // Whether there is anything but white space (stops at the first block with some).
  hasText() {
    return this.blocks.some((block) => /\S/.test(block.text)); // no copy of a 1 MiB block, as trim() made
  }

  // The DOM point for a text offset. side 'start' moves forward out of separators,
  // side 'end' moves backward, so a range never starts or ends on a synthetic "\n".
  toDomPoint(offset, side) {
    if (!this.blocks.length) return null;
    let index = lastAtOrBefore(this.starts, offset);
    if (index < 0) index = 0;
    if (side === 'end' && offset === this.starts[index] && index > 0) index -= 1;
    return side === 'start' ? this.#pointForward(index, offset) : this.#pointBackward(index, offset);
  }

  #pointForward(index, offset) {
    for (let i = index; i < this.blocks.length; i += 1) {
      const local = Math.max(0, offset - this.starts[i]);
      const segments = this.blocks[i].segments;
      const at = firstEndingAfter(segments, local);
      if (at < segments.length) {
        const segment = segments[at];
        return { node: segment.node, offset: Math.max(0, local - segment.start) };
      }
    }
    return null;
  }

  #pointBackward(index, offset) {
    for (let i = index; i >= 0; i -= 1) {
      const local = Math.min(offset - this.starts[i], this.blocks[i].text.length);
      const segments = this.blocks[i].segments;
      const at = lastStartingBefore(segments, local);
      if (at >= 0) {
        const segment = segments[at];
        return { node: segment.node, offset: Math.min(local, segment.end) - segment.start };
      }
    }
    return null;
  }

  // {startNode, startOffset, endNode, endOffset} for a half-open text span, or null.
  toDomRange(start, end) {
    const from = this.toDomPoint(start, 'start');
    const to = this.toDomPoint(end, 'end');
    if (!from || !to) return null;
    return { startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset };
  }
}

// The text of a contenteditable root, cached per top-level block. The list of top-level blocks is
// kept too until the root's own children change, so a keystroke re-reads one block.
export class BlockTextModel {
  constructor(root) {
    this.root = root;
    this.cache = new WeakMap();
    this.units = null; // the root's top-level blocks, or [root] when it holds loose inline content
    this.snapshot = null;
  }

  // Called with each MutationObserver record's target (a childList record's target is the parent).
  invalidate(node) {
    this.snapshot = null;
    this.cache.delete(this.root); // the whole-root unit, when in use, is stale too
    const block = this.#topLevelBlock(node);
    if (block) this.cache.delete(block);
    // The root's children changed, or text directly under it did (it may now be loose content).
    if (!block || block.nodeType !== ELEMENT_NODE) this.units = null;
  }

  build() {
    if (this.snapshot) return this.snapshot;
    this.units ??= this.#hasLooseInlineContent() ? [this.root] : this.#blockChildren();
    const blocks = [];
    const starts = [];
    let offset = 0;
    for (const unit of this.units) {
      const block = this.#cachedBlock(unit);
      if (!block.text) continue;
      if (blocks.length) offset += 1; // the "\n" between blocks
      starts.push(offset);
      blocks.push(block);
      offset += block.text.length;
    }
    this.snapshot = new TextSnapshot(blocks, starts, offset);
    return this.snapshot;
  }

  #cachedBlock(unit) {
    let block = this.cache.get(unit);
    if (!block) {
      block = extractBlock(unit);
      this.cache.set(unit, block);
    }
    return block;
  }

  #blockChildren() {
    const children = [];
    for (let child = this.root.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) children.push(child);
    }
    return children;
  }

  // Text or inline elements directly under the root (a plain contenteditable): per-block
  // caching would split words, so the whole root is one unit.
  #hasLooseInlineContent() {
    for (let child = this.root.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE && child.data.trim()) return true;
      if (child.nodeType === ELEMENT_NODE && !isBlockElement(child) && !isSkipped(child)) return true;
    }
    return false;
  }

  #topLevelBlock(node) {
    if (node === this.root) return null;
    let current = node;
    while (current && current.parentNode !== this.root) current = current.parentNode;
    return current;
  }
}

// The text of an <input> or <textarea>: no DOM points inside, offsets are value offsets.
export class FieldTextModel {
  constructor(field) {
    this.field = field;
  }

  invalidate() {}

  build() {
    const text = String(this.field.value ?? '');
    return { text, length: text.length, slice: (start, end) => text.slice(start, end), hasText: () => /\S/.test(text), toDomRange: () => null };
  }
}

function lastAtOrBefore(sorted, value) {
  let low = 0;
  let high = sorted.length - 1;
  let answer = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) {
      answer = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return answer;
}

function firstEndingAfter(segments, local) {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (segments[mid].end > local) high = mid;
    else low = mid + 1;
  }
  return low;
}

function lastStartingBefore(segments, local) {
  let low = 0;
  let high = segments.length - 1;
  let answer = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (segments[mid].start < local) {
      answer = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return answer;
}
