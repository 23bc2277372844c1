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
  paint(editorId, items) {
    this.clear(editorId);
    const painted = [];
    for (const { finding, span } of items) {
      const range = this.#range(span);
      if (!range) continue;
      const level = LEVELS.includes(finding.confidence) ? finding.confidence : 'low';
      this.highlights[level]?.add(range);
      painted.push({ range, finding, level, editorId });
    }
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
