// The toolbar popup and the options page in Chromium: a watched workspace's verdict and findings
// by category, an unwatched page, the scanner state, the "Not PHI" list as digests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { startSession } from './harness/session.mjs';
import { CLOUD_PAGE, cloudEditorHighlights, readPopup } from './scenarios/trainer.mjs';
import { HOST_PATH } from './harness/paths.mjs';
import { hostCapabilities } from './harness/host-client.mjs';

const COVERED_HOST = 'covered.atlassian.net';
const COVERED_LABEL = 'BAA signed 2026-03-01 (synthetic test entry)';

// The system policy file the host reads ($PHISENTRY_POLICY): one covered site, the rest uncovered.
function writePolicy(dir) {
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ workspaces: [{ match: `https://${COVERED_HOST}/*`, covered: true, label: COVERED_LABEL }] }));
  return file;
}

describe('toolbar popup and options', { skip: skipReason }, () => {
  let session;
  let scratch;
  let baseUrl;
  // The extension has no "tabs" permission (it cannot read other sites' URLs): bring the page to
  // the front and take the active tab.
  const tabIdOf = async (page) => {
    await page.bringToFront();
    return session.browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-popup-'));
    session = await startSession({ env: { PHISENTRY_POLICY: writePolicy(scratch) } });
    baseUrl = `chrome-extension://${session.browser.extensionId}/`;
  });
  after(async () => {
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('an uncovered workspace: "Not covered", the default action, and the findings by category', async () => {
    const { page } = await session.open(CLOUD_PAGE);
    await cloudEditorHighlights(page, HOST_PATH);
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 340, height: 520 });
    const shown = await readPopup(popup, baseUrl, await tabIdOf(page));
    assert.equal(shown.workspace, 'uncovered');
    assert.equal(shown.workspaceText, 'Not covered by a BAA');
    assert.match(shown.entry, /No policy entry names this workspace\. By default PHI Sentry warns before a save\./);
    assert.equal(shown.scanner, 'connected');
    assert.deepEqual(shown.groups, { date: 1, phone: 1, ssn: 1 });
    assert.ok(!(await popup.textContent('body')).includes('512-44-6789'), 'the popup never shows page text');
    await popup.screenshot({ path: artifactPath('popup-uncovered.png') });
    await popup.close();
    await page.close();
  });

  test('a covered workspace names the policy entry that covers it', async (t) => {
    const { page } = await session.open(CLOUD_PAGE, COVERED_HOST);
    await cloudEditorHighlights(page, HOST_PATH);
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 340, height: 520 });
    const shown = await readPopup(popup, baseUrl, await tabIdOf(page));
    const capabilities = await hostCapabilities(HOST_PATH);
    if (!capabilities.includes('policy')) {
      // Verdicts from policy come with the host's "policy" capability (host/PROTOCOL.md "The verdict").
      t.skip(`this host does not apply a policy (capabilities: ${capabilities.join(', ')})`);
      return;
    }
    assert.equal(shown.workspace, 'covered');
    assert.equal(shown.workspaceText, 'Covered by a BAA');
    assert.match(shown.entry, new RegExp(`Policy entry: ${COVERED_LABEL.replace(/[()]/g, '\\$&')}`));
    await popup.screenshot({ path: artifactPath('popup-covered.png') });
    await popup.close();
    await page.close();
  });

  test('a page PHI Sentry does not watch says so, and offers the sandbox and settings by keyboard', async () => {
    const other = await session.browser.context.newPage();
    await other.goto(session.server.url('localhost', '/fixtures/fixture.css'));
    const popup = await session.browser.context.newPage();
    const shown = await readPopup(popup, baseUrl, await tabIdOf(other));
    assert.equal(shown.workspace, 'unwatched');
    assert.equal(await popup.isHidden('#findings-section'), true);
    // Keyboard only: the first Tab reaches "Trainer sandbox", Enter opens it.
    await popup.keyboard.press('Tab');
    assert.equal(await popup.evaluate(() => document.activeElement.id), 'open-sandbox');
    const [sandbox] = await Promise.all([session.browser.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
    await sandbox.waitForSelector('#editor p');
    assert.match(sandbox.url(), /src\/sandbox\/sandbox\.html$/);
    await Promise.all([sandbox.close(), popup.close(), other.close()]);
  });

  test('options: the effective policy read-only with sources; "Not PHI" entries as digests, cleared in two steps', async () => {
    const digest = 'a1'.repeat(32);
    await session.browser.worker.evaluate((value) => chrome.storage.local.set({ allowlistDigests: [value] }), digest);
    const page = await session.browser.context.newPage();
    await page.goto(`${baseUrl}src/options/options.html`);
    await page.waitForSelector('body[data-ready="true"]');
    // Before the host reports a policy the page says so; afterwards every key of the schema is listed.
    const rows = (await page.$$('#policy tbody tr')).length;
    const note = await page.textContent('#policy-note');
    assert.ok(rows >= 10 || /has not reported your organisation's policy yet/.test(note), `rows ${rows}, note ${note}`);
    assert.equal(await page.$$eval('#policy input, #policy select, #policy textarea', (fields) => fields.length), 0);
    assert.equal(await page.textContent('#allowlist-count'), 'Entries: 1');
    assert.equal(await page.getAttribute('#allowlist li', 'title'), digest);
    await page.screenshot({ path: artifactPath('options.png'), fullPage: true });
    await page.click('#clear-allowlist');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-clear');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await page.textContent('#allowlist-count')) === 'Entries: 0', { message: 'the cleared list' });
    const stored = await session.browser.worker.evaluate(() => chrome.storage.local.get('allowlistDigests'));
    assert.deepEqual(stored.allowlistDigests, []);
    await page.close();
  });
});
