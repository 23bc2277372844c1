// A hostile page (issue 9): it tries to style PHI Sentry's dialog away, cover it, remove or move its
// host element, and answer it with synthetic events. The dialog must stay in front of the user
// (the page's own elementFromPoint finds it; its computed style is visible) and the save blocked
// until the user really answers. Screenshots: hostile-<trick>.png in the artifacts folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { startSession, typeIntoBody, waitForDialog } from './harness/session.mjs';

// Synthetic: 512-44-6789 passes the SSA rules by construction.
const PHI_LINE = ' Patient SSN 512-44-6789.';
const PAGE = '/wiki/spaces/OPS/pages/edit-v2/9/fixtures/hostile-editor.html';
// Tricks that act on the page before the save; the DOM ones act once the dialog is up.
const STYLE_TRICKS = ['css-display', 'css-visibility-all', 'css-opacity', 'css-clip-path', 'css-transform',
  'css-pointer-events', 'z-index-cover', 'inline-style'];
const DOM_TRICKS = ['attributes', 'remove-node', 'move-node'];

// The UI's closed shadow root, found through the DevTools protocol (which sees closed roots).
async function uiShadow(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node.nodeName === 'PHISENTRY-UI' && node.shadowRoots?.length) return node.shadowRoots[0];
    stack.push(...(node.children ?? []));
  }
  assert.fail('the UI host is not in the document');
}

// The dialog's on-screen box.
async function dialogBox(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const shadow = await uiShadow(cdp);
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: '[role="alertdialog"]' });
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { x: (x1 + x3) / 2, y: (y1 + y3) / 2, width: x3 - x1, height: y3 - y1 };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// What the page itself can observe at the dialog's centre, with its own DOM APIs.
function seenByPage(page, point) {
  return page.evaluate(({ x, y }) => {
    const host = document.querySelector('phisentry-ui');
    const style = host && getComputedStyle(host);
    return {
      hit: document.elementFromPoint(x, y)?.localName ?? null,
      underRoot: host?.parentNode === document.documentElement,
      display: style?.display, visibility: style?.visibility, opacity: style?.opacity,
      clipPath: style?.clipPath, transform: style?.transform, pointerEvents: style?.pointerEvents,
    };
  }, point);
}

async function assertDialogInFront(page, trick) {
  const box = await dialogBox(page);
  assert.ok(box.width > 100 && box.height > 100, `${trick}: the dialog has a real size (${box.width}x${box.height})`);
  const seen = await waitFor(async () => {
    const state = await seenByPage(page, box);
    return state.hit === 'phisentry-ui' ? state : null;
  }, { timeout: 3000, message: `${trick}: the dialog on top at its centre` });
  assert.deepEqual(seen, {
    hit: 'phisentry-ui', underRoot: true, display: 'block', visibility: 'visible', opacity: '1',
    clipPath: 'none', transform: 'none', pointerEvents: 'auto',
  }, trick);
}

describe('a hostile page cannot hide PHI Sentry\'s dialog or answer it', { skip: skipReason }, () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session?.close());

  const savesOf = () => session.server.saves.filter((save) => save.page === 'hostile');

  // Types PHI, lets the page play `trick`, saves with Ctrl+S (the Publish button may be hidden).
  async function openDialogUnder(trick) {
    session.server.saves.length = 0; // each test counts its own saves
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, PHI_LINE);
    if (STYLE_TRICKS.includes(trick)) await page.evaluate((name) => window.hostile.apply(name), trick);
    await page.keyboard.press('Control+s');
    await waitForDialog(ui);
    if (DOM_TRICKS.includes(trick)) await page.evaluate((name) => window.hostile.apply(name), trick);
    return { page, ui };
  }

  for (const trick of [...STYLE_TRICKS, ...DOM_TRICKS]) {
    test(`${trick}: the dialog stays in front, the page cannot answer it, the user can`, async () => {
      const { page, ui } = await openDialogUnder(trick);
      await assertDialogInFront(page, trick);
      await page.evaluate(() => window.hostile.answerForTheUser());
      await page.waitForTimeout(300);
      assert.equal(await ui.count('[role="alertdialog"]'), 1, `${trick}: still open`);
      assert.equal(savesOf().length, 0, `${trick}: nothing saved by the page's clicks`);
      await page.screenshot({ path: artifactPath(`hostile-${trick}.png`) });
      await ui.click('[data-action="back"]'); // a real click lands on the dialog
      await waitForDialog(ui, false);
      assert.equal(savesOf().length, 0);
      await ui.dispose();
      await page.close();
    });
  }

  test('a script click on "Replace all" (isTrusted false) does nothing; the user\'s own click does', async () => {
    const { page, ui } = await openDialogUnder('none');
    // As if the page had got hold of the button: a click dispatched from the page's world.
    const cdp = await page.context().newCDPSession(page);
    const shadow = await uiShadow(cdp);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId }); // the page's world
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function() { this.querySelector(\'[data-action="replace"]\').click(); }',
    });
    await page.waitForTimeout(300);
    assert.equal(await ui.count('[role="alertdialog"]'), 1, 'the synthetic click was ignored');
    assert.equal(savesOf().length, 0);
    await ui.click('[data-action="replace"]');
    const saved = await waitFor(() => savesOf()[0], { message: 'the save after the user chose' });
    assert.ok(!saved.body.includes('512-44-6789'), 'saved with the placeholder');
    await cdp.detach().catch(() => {});
    await ui.dispose();
    await page.close();
  });

  test('the page covers the dialog with its own popover: the keyboard answer is refused and the dialog comes back on top', async () => {
    const { page, ui } = await openDialogUnder('none');
    await page.keyboard.press('Tab'); // "Replace all"
    assert.equal(await ui.focusedText(), 'replace');
    await page.evaluate(() => window.hostile.coverWithPopover());
    const box = await dialogBox(page);
    assert.equal((await seenByPage(page, box)).hit, 'div', 'the page\'s popover is on top for now');
    await page.keyboard.press('Enter'); // the user did not see the dialog: this must not save
    await page.waitForTimeout(300);
    assert.equal(savesOf().length, 0, 'nothing saved from an unseen dialog');
    assert.equal(await ui.count('[role="alertdialog"]'), 1);
    await assertDialogInFront(page, 'page popover');
    await page.screenshot({ path: artifactPath('hostile-page-popover.png') });
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    await ui.dispose();
    await page.close();
  });

  test('a page that removes the host every time it comes back gets no save, and stays responsive', async () => {
    const { page, ui } = await openDialogUnder('none');
    await page.evaluate(() => window.hostile.apply('remove-node-always'));
    const started = Date.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page still runs scripts');
    assert.ok(Date.now() - started < 5000);
    await page.evaluate(() => window.hostile.answerForTheUser());
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    assert.equal(savesOf().length, 0, 'the save stays blocked');
    await ui.dispose();
    await page.close();
  });
});
