// Reads and drives PHI Sentry's UI in Firefox. The UI lives in a closed shadow root that page
// scripts cannot enter; WebDriver BiDi can: a node serialized with includeShadowTree "all" carries its
// closed shadow root as a shared reference, and functions called with that reference as `this`
// query inside it. Clicks land at the element's on-screen position, as a user's would. The same
// methods as the Chromium driver (tests/e2e/harness/ui.mjs), so the scenarios read alike.
const HOST_SELECTOR = 'phisentry-ui';

export class FirefoxUi {
  // frame: a puppeteer Frame (the page's main frame by default); connection: the browser's BiDi connection.
  constructor(page, connection, frame = page.mainFrame()) {
    this.page = page;
    this.connection = connection;
    this.context = frame._id; // the frame's BiDi browsing context id
  }

  // The closed shadow root as a BiDi shared reference, or null while the UI has not been created.
  async #shadowRoot() {
    const { result } = await this.connection.send('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(HOST_SELECTOR)})`,
      target: { context: this.context },
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
    });
    const sharedId = result.result?.value?.shadowRoot?.sharedId;
    return sharedId ? { sharedId } : null;
  }

  // Calls `functionDeclaration` with the shadow root as `this` and `args` (strings); null without a root.
  async #inShadow(functionDeclaration, ...args) {
    const root = await this.#shadowRoot();
    if (!root) return null;
    const { result } = await this.connection.send('script.callFunction', {
      functionDeclaration,
      this: root,
      arguments: args.map((value) => ({ type: 'string', value })),
      target: { context: this.context },
      awaitPromise: false,
    });
    if (result.type === 'exception') throw new Error(`in PHI Sentry's UI: ${result.exceptionDetails.text}`);
    return fromRemote(result.result);
  }

  async count(selector) {
    return (await this.#inShadow('function(s) { return this.querySelectorAll(s).length; }', selector)) ?? 0;
  }

  async text(selector) {
    return this.#inShadow('function(s) { const e = this.querySelector(s); return e ? (e.innerText ?? e.textContent) : null; }', selector);
  }

  async attributes(selector) {
    const json = await this.#inShadow(
      'function(s) { const e = this.querySelector(s); return e ? JSON.stringify(Object.fromEntries([...e.attributes].map(a => [a.name, a.value]))) : null; }',
      selector,
    );
    return json === null ? null : JSON.parse(json);
  }

  // The focused element inside the UI (activeElement of the closed root): its action, id or text.
  async focusedText() {
    return this.#inShadow('function() { const e = this.activeElement; return e ? (e.getAttribute("data-action") || e.id || e.textContent) : null; }');
  }

  async click(selector) {
    const point = await this.#inShadow(
      'function(s) { const e = this.querySelector(s); if (!e) return null; e.scrollIntoView({ block: "nearest" });'
      + ' const r = e.getBoundingClientRect(); return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]); }',
      selector,
    );
    if (!point) throw new Error(`no PHI Sentry UI element matches ${selector}`);
    const [x, y] = JSON.parse(point);
    const offset = await this.#frameOffset();
    await this.page.mouse.click(x + offset.x, y + offset.y);
  }

  // Where this frame's viewport sits in the page (0, 0 for the main frame).
  async #frameOffset() {
    const frame = this.page.frames().find((candidate) => candidate._id === this.context);
    const element = frame && frame !== this.page.mainFrame() ? await frame.frameElement() : null;
    const box = element ? await element.boundingBox() : null;
    return box ? { x: box.x, y: box.y } : { x: 0, y: 0 };
  }
}

function fromRemote(value) {
  if (!value || value.type === 'null' || value.type === 'undefined') return null;
  return value.value;
}
