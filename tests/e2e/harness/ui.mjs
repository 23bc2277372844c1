// Reads and drives PHI Sentry's UI, which lives in a closed shadow root that page scripts (and
// Playwright's selectors) cannot enter. The DevTools protocol can: it sees closed roots, and
// clicks land at the element's on-screen position, as a user's would.
const HOST_TAG = 'PHISENTRY-UI';

async function shadowRootOf(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node.nodeName === HOST_TAG && node.shadowRoots?.length) return node.shadowRoots[0];
    stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    if (node.contentDocument && node.nodeName !== 'IFRAME') stack.push(node.contentDocument);
  }
  return null;
}

export class PhiSentryUi {
  constructor(page) {
    this.page = page;
    this.cdp = null;
  }

  async #session() {
    if (!this.cdp) this.cdp = await this.page.context().newCDPSession(this.page);
    return this.cdp;
  }

  // nodeIds of elements matching `selector` inside the UI's shadow root.
  async #query(selector) {
    const cdp = await this.#session();
    const shadow = await shadowRootOf(cdp);
    if (!shadow) return [];
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: shadow.nodeId, selector });
    return nodeIds;
  }

  async #call(nodeId, functionDeclaration) {
    const cdp = await this.#session();
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId, functionDeclaration, returnByValue: true,
    });
    return result.value;
  }

  async count(selector) {
    return (await this.#query(selector)).length;
  }

  async text(selector) {
    const [nodeId] = await this.#query(selector);
    return nodeId ? this.#call(nodeId, 'function() { return this.innerText ?? this.textContent; }') : null;
  }

  async attributes(selector) {
    const [nodeId] = await this.#query(selector);
    return nodeId
      ? this.#call(nodeId, 'function() { return Object.fromEntries([...this.attributes].map(a => [a.name, a.value])); }')
      : null;
  }

  // The text of the focused element inside the UI (activeElement of the closed root).
  async focusedText() {
    const cdp = await this.#session();
    const shadow = await shadowRootOf(cdp);
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function() { const e = this.activeElement; return e ? (e.getAttribute("data-action") || e.id || e.textContent) : null; }',
      returnByValue: true,
    });
    return result.value;
  }

  async click(selector) {
    const [nodeId] = await this.#query(selector);
    if (!nodeId) throw new Error(`no PHI Sentry UI element matches ${selector}`);
    const cdp = await this.#session();
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId }).catch(() => {});
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, x2, y2, x3, y3] = model.border;
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    void x2; void y2;
  }

  async dispose() {
    await this.cdp?.detach().catch(() => {});
    this.cdp = null;
  }
}

// Every CSS highlight range in a frame, by highlight name, as {text, start node's text}.
export function readHighlights(frame) {
  return frame.evaluate(() => {
    const out = {};
    for (const [name, highlight] of CSS.highlights) out[name] = [...highlight].map((range) => range.toString());
    return out;
  });
}
