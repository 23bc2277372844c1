// Per-tab, per-frame finding counts, for the toolbar badge and for reaching every frame of a tab
// when a save needs their findings. Holds counts only, never text.
export class TabState {
  #tabs = new Map(); // tabId -> Map(frameId -> warnCount)

  setFrame(tabId, frameId, warnCount) {
    let frames = this.#tabs.get(tabId);
    if (!frames) this.#tabs.set(tabId, (frames = new Map()));
    frames.set(frameId, warnCount);
  }

  dropFrame(tabId, frameId) {
    this.#tabs.get(tabId)?.delete(frameId);
  }

  dropTab(tabId) {
    this.#tabs.delete(tabId);
  }

  frames(tabId) {
    return [...(this.#tabs.get(tabId)?.keys() ?? [])];
  }

  tabs() {
    return [...this.#tabs.keys()];
  }

  warnCount(tabId) {
    let total = 0;
    for (const count of this.#tabs.get(tabId)?.values() ?? []) total += count;
    return total;
  }
}

// What the badge shows for a tab: the count, or "!" when the scanner is unavailable.
export function badgeFor(warnCount, hostStatus) {
  if (hostStatus === 'unavailable') return { text: '!', color: '#6b7280', titleKey: 'badgeUnavailable' };
  if (warnCount > 0) return { text: warnCount > 999 ? '999+' : String(warnCount), color: '#b91c1c', titleKey: 'badgeFindings' };
  return { text: '', color: '#15803d', titleKey: 'badgeClean' };
}
