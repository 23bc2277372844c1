// Confluence Cloud (a real ProseMirror editor on *.atlassian.net): highlights, the finding card,
// and the save dialog's three ways out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { expectedHighlights, scanWithHost } from './harness/host-client.mjs';
import { HOST_PATH } from './harness/paths.mjs';
import { startSession, typeIntoBody, waitForDialog, waitForHighlights } from './harness/session.mjs';
import { readHighlights } from './harness/ui.mjs';
import { dialogIsAccessibleAndKeepsFocus, hoverFinding } from './scenarios/editors.mjs';

// Synthetic: 512-44-6789 passes the SSA rules by construction; 555-01xx numbers are fictional.
const PHI_LINE = 'Patient DOB: 03/14/1961. SSN 512-44-6789. Reach the patient by phone at (503) 555-0142.';
const PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';

const bodyText = (page) => page.evaluate(() => window.fixture.editors.body.text());
const editorConsistent = (page) => page.evaluate(() => window.fixture.editors.body.consistent());

describe('Confluence Cloud editor', { skip: skipReason }, () => {
  let session;
  let expectedFindings;

  before(async () => {
    session = await startSession();
    expectedFindings = await scanWithHost(HOST_PATH, PHI_LINE);
  });
  after(() => session?.close());

  test('the host flags the synthetic PHI line (SSN at high confidence)', () => {
    const ssn = expectedFindings.find((finding) => finding.category === 'ssn');
    assert.equal(ssn?.text, '512-44-6789');
    assert.equal(ssn.confidence, 'high');
  });

  test('typing PHI highlights exactly the words the host flags, without touching the editor DOM', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, PHI_LINE);
    await waitForHighlights(page, expectedHighlights(expectedFindings));
    // ProseMirror's own rendering of its state equals the DOM: no foreign node was inserted.
    assert.ok(await editorConsistent(page), 'ProseMirror state and DOM agree');
    await page.screenshot({ path: artifactPath('cloud-highlights.png') });

    // Hovering the SSN shows the card: what it is and why.
    const box = await page.evaluate(() => {
      const range = [...CSS.highlights.get('phisentry-high')].find((r) => r.toString() === '512-44-6789');
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await waitFor(() => ui.count('.card'), { message: 'the finding card' });
    const card = await ui.text('.card');
    assert.match(card, /Social Security number/);
    assert.match(card, /High confidence/);
    assert.match(card, /Not PHI/);
    assert.match(card, /Replace with placeholder/);
    assert.ok(!card.includes('512-44-6789'), 'the card never repeats the PHI');
    await page.screenshot({ path: artifactPath('cloud-card.png') });

    // "Replace with placeholder" goes through the editor's input path: ProseMirror's undo restores it.
    await ui.click('.card button:last-child');
    await waitFor(async () => (await bodyText(page)).includes('SSN [SSN].'), { message: 'the placeholder' });
    assert.ok(await editorConsistent(page));
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await bodyText(page)).includes('SSN 512-44-6789.'), { message: 'undo' });
    await page.close();
  });

  test('"Not PHI" removes a finding for good, and stores no text', async () => {
    const { page, ui } = await session.open(PAGE);
    const clinicLine = 'Patient transport: call (503) 555-0142.'; // the transport desk's number, not a patient's
    const flagged = (await scanWithHost(HOST_PATH, clinicLine)).find((finding) => finding.category === 'phone');
    assert.ok(flagged, 'the host flags the number');
    await typeIntoBody(page, clinicLine);
    await waitFor(async () => Object.values(await readHighlights(page)).flat().includes('(503) 555-0142'), { message: 'the phone highlight' });
    await hoverFinding(page, ui, '(503) 555-0142');
    await ui.click('.card button:first-child');
    await waitFor(async () => !Object.values(await readHighlights(page)).flat().includes('(503) 555-0142'), { message: 'the highlight to go' });
    // Typed again elsewhere, the same number stays unflagged; storage holds a digest, not the number.
    await typeIntoBody(page, ' Patient transport: call (503) 555-0142.');
    await page.waitForTimeout(600);
    assert.ok(!Object.values(await readHighlights(page)).flat().includes('(503) 555-0142'));
    const stored = await session.browser.worker.evaluate(() => chrome.storage.local.get(null));
    assert.ok(!JSON.stringify(stored).includes('555-0142'), 'no page text in extension storage');
    assert.equal(stored.allowlistDigests.length, 1);
    await session.browser.worker.evaluate(() => chrome.storage.local.clear());
    await page.close();
  });

  test('Publish opens an accessible dialog; "Go back and edit" and Escape leave the page unsaved', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, PHI_LINE);
    await page.click('#publish');
    await waitForDialog(ui);
    await page.screenshot({ path: artifactPath('cloud-dialog.png') });
    const text = await dialogIsAccessibleAndKeepsFocus(page, ui);
    assert.match(text, /Social Security number\s+1/);

    await page.keyboard.press('Escape');
    await waitForDialog(ui, false);
    await page.click('#publish');
    await waitForDialog(ui);
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(session.server.saves.filter((save) => save.page === 'cloud').length, 0, 'nothing was saved');
    assert.ok((await bodyText(page)).includes('512-44-6789'), 'the text is untouched');
    await page.close();
  });

  test('"Replace all with placeholders" removes the PHI, keeps the rest, and saves', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, PHI_LINE);
    const before = await bodyText(page);
    await page.click('#publish');
    await waitForDialog(ui);
    await ui.click('[data-action="replace"]');
    const saved = await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });
    const expected = replaceSpans(before, expectedFindingsIn(before, expectedFindings));
    assert.equal(saved.body, expected);
    for (const finding of expectedFindings) {
      if (finding.confidence !== 'low') assert.ok(!saved.body.includes(finding.text), `${finding.category} is gone`);
    }
    assert.ok(await editorConsistent(page));
    session.server.saves.length = 0;
    await page.close();
  });

  test('"Save anyway" needs a justification, then saves', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, PHI_LINE);
    await page.keyboard.press('Control+s'); // the shortcut is intercepted too
    await waitForDialog(ui);
    await ui.click('[data-action="override"]');
    assert.equal(await ui.focusedText(), 'phisentry-justification');
    await ui.click('[data-action="override"]');
    assert.match(await ui.text('.justify .error'), /say briefly why/);
    assert.equal(session.server.saves.length, 0);
    await page.keyboard.type('Training page with made-up numbers');
    await page.screenshot({ path: artifactPath('cloud-dialog-justification.png') });
    await ui.click('[data-action="override"]');
    const saved = await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });
    assert.ok(saved.body.includes('512-44-6789'), 'saved as the user chose');
    await waitForDialog(ui, false);
    session.server.saves.length = 0;
    await page.close();
  });

  test('the toolbar popup shows the running host and its rule pack', async () => {
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/src/popup/popup.html`);
    await waitFor(async () => (await popup.textContent('#scanner-state')) === 'Connected', { message: 'the popup status' });
    assert.match(await popup.textContent('#rules'), /^builtin \(\d+ rules\)$/);
    assert.match(await popup.textContent('#version'), /^\d+\.\d+\.\d+$/);
    await popup.close();
  });

  test('a clean page publishes at once, with no dialog', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, 'Team lunch moved to Friday.');
    await page.click('#publish');
    await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });
    assert.equal(await ui.count('[role="alertdialog"]'), 0);
    assert.deepEqual((await readHighlights(page))['phisentry-high'], []);
    session.server.saves.length = 0;
    await page.close();
  });
});

// The host's findings located in the editor's text (the line was typed at its end).
function expectedFindingsIn(text, findings) {
  const offset = text.lastIndexOf(PHI_LINE);
  return findings
    .filter((finding) => finding.confidence !== 'low')
    .map((finding) => ({ ...finding, start: finding.start + offset, end: finding.end + offset }));
}

const PLACEHOLDERS = { ssn: '[SSN]', phone: '[PHONE]', fax: '[FAX]', email: '[EMAIL]', name: '[PATIENT NAME]' };

function replaceSpans(text, findings) {
  let out = text;
  for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
    const placeholder = finding.category === 'date'
      ? (/birth|dob/.test(finding.rule) ? '[DATE OF BIRTH]' : '[DATE]')
      : PLACEHOLDERS[finding.category] ?? '[IDENTIFIER]';
    out = out.slice(0, finding.start) + placeholder + out.slice(finding.end);
  }
  return out;
}
