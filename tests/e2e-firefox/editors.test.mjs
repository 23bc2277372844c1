// The editor scenarios of the Chromium run (tests/e2e: jira-issue, cloud-editor, admin-page,
// resilience) in Firefox ESR, on the same fixture pages, with PHI Sentry's closed-shadow UI read
// over WebDriver BiDi (harness/ui.mjs). The host-killed scenario runs last: it restarts the host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, waitFor } from '../e2e/harness/browser.mjs';
import { scanWithHost } from '../e2e/harness/host-client.mjs';
import { HOST_PATH } from '../e2e/harness/paths.mjs';
import { startFixtureServer } from '../e2e/harness/server.mjs';
import { typeIntoBody, waitForDialog, waitForHighlights } from '../e2e/harness/session.mjs';
import { readHighlights } from '../e2e/harness/ui.mjs';
import { CLOUD_PAGE, PHI_LINE, openUrl, POPUP_PATH } from '../e2e/scenarios/trainer.mjs';
import { launchFirefox, skipReason } from './harness/firefox.mjs';

const JIRA_PAGE = '/jira/software/projects/OPS/issues/fixtures/jira-issue.html';
const ADMIN_PAGE = '/wiki/spaces/IT/pages/edit-v2/7/fixtures/admin-page.html';
// Synthetic SSNs that pass the SSA checks by construction.
const FIRST = 'Patient SSN 512-44-6789.';
const SECOND = ' Second patient SSN 623-18-4402.';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const editorText = (page, name) => page.evaluate((editor) => window.fixture.editors[editor].text(), name);
const allHighlighted = async (page) => Object.values(await readHighlights(page)).flat();

// Puts the pointer on the highlighted `value`, which opens its finding card.
async function hoverFinding(page, ui, value) {
  const box = await page.evaluate((wanted) => {
    const range = [...CSS.highlights.values()].flatMap((highlight) => [...highlight]).find((r) => r.toString() === wanted);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, value);
  await page.mouse.move(box.x, box.y);
  await waitFor(() => ui.count('.card'), { message: 'the finding card' });
}

// Pastes `text` into `target` through the real clipboard (Ctrl+C from a scratch field, Ctrl+V):
// Firefox gives a page-made ClipboardEvent an empty clipboardData, so a synthetic paste proves nothing.
async function pasteByKeyboard(page, target, text) {
  await page.evaluate((value) => {
    const field = document.createElement('textarea');
    field.id = 'e2e-clipboard-source';
    field.value = value;
    document.body.append(field);
  }, text);
  await page.click('#e2e-clipboard-source');
  await withControl(page, 'a');
  await withControl(page, 'c');
  await page.evaluate(() => document.getElementById('e2e-clipboard-source').remove());
  await page.click(target);
  await page.keyboard.press('End');
  await withControl(page, 'v');
}

async function withControl(page, key) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
}

// What the toolbar badge shows for the tab on `pattern`, asked from an extension page.
async function badgeText(firefox, pattern) {
  const page = await firefox.browser.newPage();
  await openUrl(page, `${firefox.baseUrl}${POPUP_PATH}`);
  const text = await page.evaluate(async (wanted) => {
    const [tab] = await chrome.tabs.query({ url: wanted });
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, pattern);
  await page.close();
  return text;
}

describe('Firefox ESR: Jira, Confluence Cloud details, an IT page, the host killed', { skip: skipReason }, () => {
  let firefox;
  let server;
  const savesOf = (name) => server.saves.filter((save) => save.page === name);

  before(async () => {
    server = await startFixtureServer();
    firefox = await launchFirefox();
  });
  after(async () => {
    await firefox?.close();
    await server?.close();
  });

  test('Jira: PHI in the summary stops Create; "Replace all" fixes the field and the save goes through', async () => {
    const { page, ui } = await firefox.open(server, JIRA_PAGE);
    await page.click('#summary');
    await page.keyboard.press('End');
    await page.keyboard.type(' for SSN 512-44-6789');
    await page.click('#create');
    await waitForDialog(ui);
    assert.match(await ui.text('[role="alertdialog"]'), /Social Security number\s+1/);
    assert.equal(savesOf('jira-issue').length, 0);
    await ui.click('[data-action="replace"]');
    const saved = await waitFor(() => savesOf('jira-issue')[0], { message: 'the save' });
    assert.equal(saved.summary, 'Front desk follow-up for SSN [SSN]');
    assert.equal(await page.$eval('#summary', (field) => field.value), 'Front desk follow-up for SSN [SSN]');
    await page.close();
  });

  test('Jira: PHI in the description is highlighted and Add comment is held while it stays', async () => {
    const { page, ui } = await firefox.open(server, JIRA_PAGE);
    const before = server.saves.length;
    await page.click('#description .ProseMirror p');
    await page.keyboard.press('End');
    await page.keyboard.type(' Patient SSN 512-44-6789.');
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789'] }, 8000);
    await page.click('#comment .ProseMirror');
    await page.keyboard.type('Called back, all sorted.');
    await page.click('#add-comment');
    await waitForDialog(ui);
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(server.saves.length, before, 'nothing was saved');
    await page.close();
  });

  test('Jira: pasting PHI into a comment warns at once, and "Undo paste" takes only the paste out', async () => {
    const { page, ui } = await firefox.open(server, JIRA_PAGE);
    await page.click('#comment .ProseMirror');
    await page.keyboard.type('Note: ');
    await pause(700); // a person pauses before pasting; the editor's undo groups by time
    await pasteByKeyboard(page, '#comment .ProseMirror', 'Patient DOB: 03/14/1961. SSN 512-44-6789.');
    await waitFor(() => ui.count('.banner.warning'), { timeout: 8000, message: 'the paste warning' });
    const warning = await ui.text('.banner.warning');
    assert.match(warning, /pasted may contain PHI/);
    assert.match(warning, /Social Security number \(1\)/);
    assert.ok(!warning.includes('512-44-6789'), 'the warning never repeats the PHI');
    assert.equal((await ui.attributes('.banner.warning')).role, 'alert');
    await page.screenshot({ path: artifactPath('firefox-jira-paste-warning.png') });
    assert.match(await editorText(page, 'comment'), /512-44-6789/);
    await ui.click('.banner.warning button.primary');
    await waitFor(async () => !(await editorText(page, 'comment')).includes('512-44-6789'), { message: 'the paste undone' });
    assert.equal((await editorText(page, 'comment')).trimEnd(), 'Note:', 'only the paste was undone');
    await page.close();
  });

  test('Cloud: the finding card explains without repeating the PHI; "Not PHI" drops a finding and stores a digest', async () => {
    const { page, ui } = await firefox.open(server, CLOUD_PAGE);
    await typeIntoBody(page, PHI_LINE);
    await waitFor(async () => (await allHighlighted(page)).includes('512-44-6789'), { timeout: 8000, message: 'the SSN highlight' });
    await hoverFinding(page, ui, '512-44-6789');
    const card = await ui.text('.card');
    assert.match(card, /Social Security number/);
    assert.match(card, /High confidence/);
    assert.match(card, /Replace with placeholder/);
    assert.ok(!card.includes('512-44-6789'), 'the card never repeats the PHI');
    await page.screenshot({ path: artifactPath('firefox-cloud-card.png') });

    await hoverFinding(page, ui, '(503) 555-0142');
    await ui.click('.card button:first-child'); // "Not PHI"
    await waitFor(async () => !(await allHighlighted(page)).includes('(503) 555-0142'), { message: 'the highlight to go' });
    await typeIntoBody(page, ' Transport desk: (503) 555-0142.');
    await pause(600); // past the scan debounce
    assert.ok(!(await allHighlighted(page)).includes('(503) 555-0142'), 'the same number stays unflagged');
    const options = await firefox.browser.newPage();
    await openUrl(options, `${firefox.baseUrl}${POPUP_PATH}`);
    const stored = await options.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      await chrome.storage.local.clear();
      return all;
    });
    assert.ok(!JSON.stringify(stored).includes('555'), 'no page text in extension storage');
    assert.equal(stored.allowlistDigests.length, 1);
    await Promise.all([options.close(), page.close()]);
  });

  test('Cloud: the dialog is an accessible modal that keeps focus; "Save anyway" needs a justification', async () => {
    const { page, ui } = await firefox.open(server, CLOUD_PAGE);
    await typeIntoBody(page, PHI_LINE);
    await page.click('#publish');
    await waitForDialog(ui);
    const attributes = await ui.attributes('[role="alertdialog"]');
    assert.equal(attributes['aria-modal'], 'true');
    assert.ok(attributes['aria-labelledby'] && attributes['aria-describedby']);
    assert.match(await ui.text('[role="alertdialog"]'), /not covered by a Business Associate Agreement/);
    assert.equal(await ui.focusedText(), 'back', '"Go back and edit" is the default');
    const visited = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      visited.push(await ui.focusedText());
    }
    assert.deepEqual(visited, ['replace', 'override', 'back', 'replace']);
    await page.keyboard.press('Escape');
    await waitForDialog(ui, false);

    await withControl(page, 's'); // the save shortcut is held too
    await waitForDialog(ui);
    await ui.click('[data-action="override"]');
    assert.equal(await ui.focusedText(), 'phisentry-justification');
    await ui.click('[data-action="override"]');
    assert.match(await ui.text('.justify .error'), /say briefly why/);
    assert.equal(savesOf('cloud').length, 0);
    await page.keyboard.type('Training page with made-up numbers');
    await ui.click('[data-action="override"]');
    const saved = await waitFor(() => savesOf('cloud')[0], { timeout: 8000, message: 'the save' });
    assert.ok(saved.body.includes('512-44-6789'), 'saved as the user chose');
    server.saves.length = 0;
    await page.close();
  });

  test('an IT page (runbook, staff first names, private IPs) raises nothing and publishes at once', async () => {
    const { page, ui } = await firefox.open(server, ADMIN_PAGE);
    const findings = await scanWithHost(HOST_PATH, await page.evaluate(() => window.fixture.editors.body.text()));
    assert.deepEqual(findings.filter((finding) => finding.confidence !== 'low'), [], 'the host finds nothing at warn level');
    await typeIntoBody(page, ' Server room key is with Dev.');
    await page.click('#publish');
    const saved = await waitFor(() => savesOf('admin')[0], { timeout: 8000, message: 'the save' });
    assert.match(saved.body, /10\.0\.0\.12/);
    assert.equal(await ui.count('[role="alertdialog"]'), 0, 'no dialog');
    assert.equal(await ui.count('.banner'), 0, 'no notice either');
    const highlights = await readHighlights(page);
    assert.deepEqual([...(highlights['phisentry-high'] ?? []), ...(highlights['phisentry-medium'] ?? [])], []);
    await page.close();
  });

  test('host killed: notice, "!" badge, the fail mode (warn) holds; scanning resumes when the host is back', async () => {
    const { page, ui } = await firefox.open(server, CLOUD_PAGE);
    await typeIntoBody(page, FIRST);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789'] }, 8000);
    const pids = firefox.hostPids();
    assert.equal(pids.length, 1, 'one host process serves every tab');

    firefox.unregisterHost(); // so reconnecting fails too
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await waitFor(() => ui.count('.banner[data-kind="unavailable"]'), { message: 'the unavailable notice' });
    assert.match(await ui.text('.banner[data-kind="unavailable"]'), /PHI Sentry scanner unavailable/);
    assert.equal(await badgeText(firefox, '*://clinic.atlassian.net/*'), '!');
    await page.screenshot({ path: artifactPath('firefox-host-unavailable.png') });

    await typeIntoBody(page, ' More notes.');
    await page.click('#publish');
    await waitForDialog(ui);
    assert.match(await ui.text('[role="alertdialog"]'), /could not check this page/);
    assert.equal(await ui.count('[data-action="replace"]'), 0, 'nothing to replace without findings');
    assert.equal(await ui.count('[data-action="override"]'), 1, 'fail mode "warn" allows an override');
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(savesOf('cloud').length, 0);

    firefox.registerHost(); // the extension reconnects by itself (back-off)
    await waitFor(async () => (await ui.count('.banner[data-kind="unavailable"]')) === 0, { timeout: 20000, message: 'the notice to clear' });
    await typeIntoBody(page, SECOND);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789', '623-18-4402'] }, 8000);
    await waitFor(async () => (await badgeText(firefox, '*://clinic.atlassian.net/*')) === '2', { message: 'the badge to count both' });
    const [newHost] = firefox.hostPids();
    assert.ok(newHost && !pids.includes(newHost), 'a new host process serves');
    await page.close();
  });
});
