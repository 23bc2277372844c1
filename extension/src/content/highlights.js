// Paints findings with the CSS Custom Highlight API: the editor's DOM is never touched.
import { HIGHLIGHT_CSS } from '../ui/styles.js';
import { LEVELS } from '../common/confidence.js';

export const HIGHLIGHT_NAMES = Object.freeze({ high: 'phisentry-high', medium: 'phisentry-medium', low: 'phisentry-low' });

export class HighlightPainter {
  constructor(doc) {
    this.doc = doc;
    this.registry = doc.defaultView.CSS?.highlights ?? null;
    this.highlights = {};
    this.byEditor = new Map(); // editor id -> [{range, finding, level}]
    if (!this.registry) return; // no Highlight API: findings still count, nothing is painted
    LEVELS.forEach((level, index) => {
      const highlight = new this.doc.defaultView.Highlight();
      highlight.priority = index;
      this.highlights[level] = highlight;
      this.registry.set(HIGHLIGHT_NAMES[level], highlight);
    });
    injectStyle(doc);
  }

  // Replaces one editor's highlights. items: [{finding, span}] with span from TextSnapshot.toDomRange.
  // Only what changed is touched: a painted range is live (the DOM keeps it in place through edits
  // elsewhere), and re-adding thousands of unchanged ranges after each keystroke on a 1 MiB page made
  // the browser restyle and repaint them all in long tasks.
  paint(editorId, items) {
    const previous = byStartNode(this.byEditor.get(editorId) ?? []);
    const painted = [];
    for (const { finding, span } of items) {
      const level = LEVELS.includes(finding.confidence) ? finding.confidence : 'low';
      const kept = span ? takeSame(previous, span, level) : null;
      if (kept) {
        kept.finding = finding;
        painted.push(kept);
        continue;
      }
      const range = this.#range(span);
      if (!range) continue;
      this.highlights[level]?.add(range);
      painted.push({ range, finding, level, editorId });
    }
    for (const stale of previous.values()) stale.forEach((item) => this.highlights[item.level]?.delete(item.range));
    this.byEditor.set(editorId, painted);
    return painted;
  }

  clear(editorId) {
    for (const item of this.byEditor.get(editorId) ?? []) this.highlights[item.level]?.delete(item.range);
    this.byEditor.delete(editorId);
  }

  // The painted finding under a DOM point, if any.
  at(node, offset) {
    for (const items of this.byEditor.values()) {
      for (const item of items) {
        if (isInside(item.range, node, offset)) return item;
      }
    }
    return null;
  }

  #range(span) {
    if (!span) return null;
    try {
      const range = this.doc.createRange();
      range.setStart(span.startNode, span.startOffset);
      range.setEnd(span.endNode, span.endOffset);
      return range.collapsed ? null : range;
    } catch {
      return null; // the nodes left the document
    }
  }
}

function byStartNode(items) {
  const map = new Map();
  for (const item of items) {
    const list = map.get(item.range.startContainer);
    if (list) list.push(item);
    else map.set(item.range.startContainer, [item]);
  }
  return map;
}

// Removes and returns the painted item whose range (where the DOM has kept it) is exactly `span`.
function takeSame(byStart, span, level) {
  const list = byStart.get(span.startNode);
  const index = list?.findIndex(({ range, level: painted }) => painted === level && range.startOffset === span.startOffset &&
    range.endContainer === span.endNode && range.endOffset === span.endOffset) ?? -1;
  if (index < 0) return null;
  const [item] = list.splice(index, 1);
  if (list.length === 0) byStart.delete(span.startNode);
  return item;
}

function isInside(range, node, offset) {
  try {
    return range.isPointInRange(node, offset) && !(node === range.endContainer && offset === range.endOffset);
  } catch {
    return false;
  }
}

function injectStyle(doc) {
  if (doc.getElementById('phisentry-highlight-style')) return;
  const style = doc.createElement('style');
  style.id = 'phisentry-highlight-style';
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);
}
