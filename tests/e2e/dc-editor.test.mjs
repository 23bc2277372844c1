// Confluence Data Center: a real TinyMCE editor inside an iframe. The content script runs in the
// iframe too; the Save button and the dialog live in the top frame.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { startSession, waitForDialog, waitForHighlights } from './harness/session.mjs';

// Data Center lives on the clinic's own domain; policy will list it. Until then the fixture is
// served under atlassian.net so the manifest's content script applies.
const PAGE = '/confluence/pages/editpage.action/fixtures/dc-editor.html';
const PHI = ' Patient DOB: 03/14/1961. SSN 512-44-6789.';

async function typeInTinyMce(page, text) {
  const frame = page.frameLocator('iframe.tox-edit-area__iframe');
  await frame.locator('body p').last().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
  return page.frames().find((candidate) => candidate !== page.mainFrame());
}

describe('Confluence Data Center (TinyMCE in an iframe)', { skip: skipReason }, () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session?.close());

  test('highlights inside the editor iframe, dialog in the page, replace all saves clean text', async () => {
    const { page, ui } = await session.open(PAGE);
    const editorFrame = await typeInTinyMce(page, PHI);
    await waitForHighlights(editorFrame, { 'phisentry-high': ['03/14/1961', '512-44-6789'] });
    await page.screenshot({ path: artifactPath('dc-highlights.png') });
    await page.click('#rte-button-publish');
    await waitForDialog(ui);
    assert.match(await ui.text('[role="alertdialog"]'), /Social Security number\s+1/);
    await page.screenshot({ path: artifactPath('dc-dialog.png') });
    await ui.click('[data-action="replace"]');
    const saved = await waitFor(() => session.server.saves.find((save) => save.page === 'dc'), { message: 'the save' });
    assert.equal(saved.body, 'Intake checklist for the front desk. Patient DOB: [DATE OF BIRTH]. SSN [SSN].');
    session.server.saves.length = 0;
    await page.close();
  });

  test('Ctrl+S inside the editor iframe opens the dialog in the page; Go back keeps it unsaved', async () => {
    const { page, ui } = await session.open(PAGE);
    const editorFrame = await typeInTinyMce(page, PHI);
    await waitForHighlights(editorFrame, { 'phisentry-high': ['03/14/1961', '512-44-6789'] });
    await page.keyboard.press('Control+s');
    await waitForDialog(ui);
    await page.keyboard.press('Escape');
    await waitForDialog(ui, false);
    assert.equal(session.server.saves.length, 0);
    const text = await page.evaluate(() => window.fixture.text());
    assert.match(text, /512-44-6789/);
    await page.close();
  });
});
