// The trainer sandbox in Chromium: scenarios scanned by the real host, live highlights while typing,
// the explanation panel, presenter mode and the simulated Publish dialog.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, launchBrowser, skipReason, waitFor } from './harness/browser.mjs';
import { HOST_PATH } from './harness/paths.mjs';
import { waitForDialog } from './harness/session.mjs';
import { PhiSentryUi } from './harness/ui.mjs';
import { sandboxExplainsTypedPhi, sandboxShowsScenario, scannerUnavailableIsExplained } from './scenarios/trainer.mjs';

describe('trainer sandbox', { skip: skipReason }, () => {
  let browser;
  let baseUrl;
  const openPage = async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => console.error(`sandbox page error: ${error.message}`));
    return page;
  };

  before(async () => {
    browser = await launchBrowser();
    baseUrl = `chrome-extension://${browser.extensionId}/`;
  });
  after(() => browser?.close());

  test('each PHI scenario is highlighted exactly as the host scans it, each finding explained', async () => {
    const page = await openPage();
    for (const id of ['sop', 'incident', 'huddle', 'medicare']) {
      const { findings, panel } = await sandboxShowsScenario(page, baseUrl, HOST_PATH, id);
      assert.ok(findings.some((finding) => finding.confidence === 'high'), `${id} has a high-confidence finding`);
      assert.ok(panel.tally.length > 0, `${id} has a tally`);
    }
    await page.close();
  });

  test('the clean scenarios show nothing and publish without a dialog', async () => {
    const page = await openPage();
    const ui = new PhiSentryUi(page);
    for (const id of ['runbook', 'meeting']) {
      await sandboxShowsScenario(page, baseUrl, HOST_PATH, id);
      await page.click('#publish');
      await waitFor(async () => /nothing on this page identifies a patient/.test(await page.textContent('#publish-outcome')), { message: 'the clean outcome' });
      assert.equal(await ui.count('[role="alertdialog"]'), 0);
    }
    await page.close();
  });

  test('typing a phone number highlights it live; its entry explains the identifier and the fix', async () => {
    const page = await openPage();
    await sandboxShowsScenario(page, baseUrl, HOST_PATH, 'meeting');
    await sandboxExplainsTypedPhi(page);
    await page.close();
  });

  test('presenter mode: large type, the tally by identifier, and the Publish dialog with "Replace all"', async () => {
    const page = await openPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    const ui = new PhiSentryUi(page);
    const { panel, findings } = await sandboxShowsScenario(page, baseUrl, HOST_PATH, 'huddle', '&presenter=1');
    // What stops a save (medium and high, the default warn level), counted by Safe Harbor letter.
    const warned = findings.filter((finding) => finding.confidence !== 'low');
    const byLetter = {};
    for (const finding of warned) byLetter[finding.hipaa] = (byLetter[finding.hipaa] ?? 0) + 1;
    assert.equal(await page.getAttribute('#presenter', 'aria-pressed'), 'true');
    const editorFont = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('editor')).fontSize));
    assert.ok(editorFont >= 24, `presenter type is large (${editorFont}px)`);
    assert.deepEqual(panel.tally, Object.entries(byLetter).sort());
    assert.ok(warned.length >= 4, 'the huddle notes stop a save');
    await page.click('#findings .finding:nth-child(2) .summary');
    await page.screenshot({ path: artifactPath('sandbox-presenter.png') });

    await page.click('#publish');
    await waitForDialog(ui);
    assert.match(await ui.text('[role="alertdialog"]'), /not covered by a Business Associate Agreement/);
    await page.screenshot({ path: artifactPath('sandbox-presenter-dialog.png') });
    await ui.click('[data-action="replace"]');
    await waitForDialog(ui, false);
    const outcome = `Replaced with placeholders: ${warned.length}.`;
    await waitFor(async () => (await page.textContent('#publish-outcome')).startsWith(outcome), { message: 'the replace outcome' });
    const text = await page.textContent('#editor');
    for (const finding of warned) assert.ok(!text.includes(finding.text), `"${finding.rule}" was replaced`);
    assert.match(text, /DOB \[DATE OF BIRTH\]/);
    await waitFor(async () => (await page.$$('#findings .level.high, #findings .level.medium')).length === 0, { message: 'nothing left that stops a save' });
    await page.close();
  });

  test('keyboard only: scenario picker, presenter toggle, finding entries and Publish are reachable and labelled', async () => {
    const page = await openPage();
    await sandboxShowsScenario(page, baseUrl, HOST_PATH, 'sop');
    const focusOrder = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      focusOrder.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    assert.deepEqual(focusOrder.slice(0, 4), ['scenario', 'presenter', 'publish', 'editor']);
    assert.equal(focusOrder[4], 'summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#findings .finding:first-child .summary', 'aria-expanded'), 'true');
    assert.match(await page.textContent('#findings .finding:first-child .details'), /To make it safe/);
    assert.equal(await page.evaluate(() => document.querySelector('label[for="scenario"]').textContent), 'Scenario');
    await page.close();
  });
});

describe('trainer sandbox without a working host', { skip: skipReason }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser({ hostPath: '/bin/false' }); // registered, but exits at once
  });
  after(() => browser?.close());

  test('the sandbox and the popup say the scanner is unavailable, and how to fix it', async () => {
    const page = await browser.context.newPage();
    await scannerUnavailableIsExplained(page, `chrome-extension://${browser.extensionId}/`);
    await page.close();
  });
});
