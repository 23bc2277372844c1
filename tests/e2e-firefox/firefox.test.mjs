// The extension's end-to-end scenarios in Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi, with the real host registered in a scratch HOME: the Chromium run's scenarios
// (tests/e2e: sandbox, popup, cloud-editor, dc-editor, jira-issue, admin-page, resilience) on the same
// fixture pages, PHI Sentry's closed-shadow UI read over BiDi (harness/ui.mjs). One Firefox serves
// every test (a launch costs seconds); the last two restart the host and then replace it with one
// that exits at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, waitFor } from '../e2e/harness/browser.mjs';
import { HOST_PATH } from '../e2e/harness/paths.mjs';
import { hostCapabilities, scanWithHost } from '../e2e/harness/host-client.mjs';
import { startFixtureServer } from '../e2e/harness/server.mjs';
import { typeIntoBody, waitForDialog, waitForHighlights } from '../e2e/harness/session.mjs';
import { readHighlights } from '../e2e/harness/ui.mjs';
import {
  CLOUD_PAGE, DC_PAGE, PHI_LINE, POPUP_PATH, cloudEditorHighlights, dataCenterReplaceAllByKeyboard, openUrl, publishReplacesAllByKeyboard, readPopup,
  sandboxByKeyboard, sandboxCleanScenariosPublish, sandboxExplainsTypedPhi, sandboxPresenterPublish, sandboxReplacesWithRulePlaceholder,
  SANDBOX_PATH, sandboxShowsScenario, scannerUnavailableIsExplained, tabIdOfUrl,
} from '../e2e/scenarios/trainer.mjs';
import { launchFirefox, skipReason } from './harness/firefox.mjs';
import { badgeText, pasteByKeyboard, withControl } from './harness/actions.mjs';
import {
  PASTED_PHI, dialogIsAccessibleAndKeepsFocus, hoverFinding, pasteWarningUndoesOnlyThePaste, summaryReplaceAllSaves,
  typeSsnIntoSummary,
} from '../e2e/scenarios/editors.mjs';
import { FirefoxUi } from './harness/ui.mjs';

const COVERED_LABEL = 'BAA signed 2026-03-01 (synthetic test entry)';
const OPTIONS_PATH = 'src/options/options.html';
// The popup shows the browser's disconnect reason once the worker's STATUS reply carries it.
const MANAGED_POLICY = { workspaces: [{ match: 'https://covered.atlassian.net/*', covered: true, label: COVERED_LABEL }] };
const JIRA_PAGE = '/jira/software/projects/OPS/issues/fixtures/jira-issue.html';
const ADMIN_PAGE = '/wiki/spaces/IT/pages/edit-v2/7/fixtures/admin-page.html';
// Synthetic SSNs that pass the SSA checks by construction.
const FIRST = 'Patient SSN 512-44-6789.';
const SECOND = ' Second patient SSN 623-18-4402.';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const allHighlighted = async (page) => Object.values(await readHighlights(page)).flat();

describe('Firefox ESR', { skip: skipReason }, () => {
  let firefox;
  let server;
  let scratch;
  const savesOf = (name) => server.saves.filter((save) => save.page === name);

  before(async () => {
    // IT's managed policy (Firefox's managed storage): covered.atlassian.net is covered, the rest not.
    // The host's system policy file ($PHISENTRY_POLICY) sets another key, so both sources show.
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-firefox-policy-'));
    const systemPolicy = join(scratch, 'policy.json');
    writeFileSync(systemPolicy, JSON.stringify({ justification_min_length: 12 }));
    server = await startFixtureServer();
    firefox = await launchFirefox({ env: { PHISENTRY_POLICY: systemPolicy }, managedPolicy: MANAGED_POLICY });
  });
  after(async () => {
    await firefox?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the add-on is installed with its gecko id and its pages load', async () => {
    const page = await firefox.browser.newPage();
    const { findings } = await sandboxShowsScenario(page, firefox.baseUrl, HOST_PATH, 'incident');
    assert.ok(findings.length >= 5);
    await page.close();
  });

  test('sandbox: typing PHI highlights it live and the panel explains it', async () => {
    const page = await firefox.browser.newPage();
    await sandboxShowsScenario(page, firefox.baseUrl, HOST_PATH, 'runbook');
    await sandboxExplainsTypedPhi(page);
    await page.close();
  });

  test('sandbox: the clean scenarios publish with no dialog; keyboard only reaches every control', async () => {
    const page = await firefox.browser.newPage();
    await sandboxCleanScenariosPublish(page, firefox.baseUrl, HOST_PATH, new FirefoxUi(page, firefox.browser.connection));
    await sandboxByKeyboard(page, firefox.baseUrl, HOST_PATH);
    await page.close();
  });

  test('sandbox presenter mode: large type, the tally, and the simulated Publish dialog with "Replace all"', async (t) => {
    const page = await firefox.browser.newPage();
    await page.setViewport({ width: 1600, height: 1000 });
    const { leftOver } = await sandboxPresenterPublish(page, firefox.baseUrl, HOST_PATH, new FirefoxUi(page, firefox.browser.connection), 'firefox-');
    await t.test('after "Replace all" nothing is left that stops a save', () => assert.deepEqual(leftOver, []));
    await page.close();
  });

  test('sandbox: an entry names its rule, and "Replace with placeholder" inserts the rule\'s placeholder', async () => {
    const page = await firefox.browser.newPage();
    await sandboxReplacesWithRulePlaceholder(page, firefox.baseUrl, HOST_PATH);
    await page.close();
  });

  test('Confluence Cloud: highlights equal the host\'s findings; Publish is held and "Replace all" saves clean text', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url('clinic.atlassian.net', CLOUD_PAGE));
    await cloudEditorHighlights(page, HOST_PATH);
    await page.screenshot({ path: artifactPath('firefox-cloud-highlights.png') });
    await publishReplacesAllByKeyboard(page, server);
    await page.close();
  });

  test('Confluence Data Center: highlights inside the TinyMCE iframe; "Replace all" saves clean text', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url('clinic.atlassian.net', DC_PAGE));
    await dataCenterReplaceAllByKeyboard(page, server, HOST_PATH);
    await page.screenshot({ path: artifactPath('firefox-dc.png') });
    await page.close();
  });

  test('popup: the Cloud workspace is not covered, with its findings by category', async () => {
    const page = await firefox.browser.newPage();
    const url = server.url('clinic.atlassian.net', CLOUD_PAGE);
    await page.goto(url);
    await cloudEditorHighlights(page, HOST_PATH);
    const popup = await firefox.browser.newPage();
    const tabId = await tabIdOfUrl(popup, firefox.baseUrl, url);
    assert.ok(Number.isInteger(tabId), 'the extension sees the watched tab');
    await popup.setViewport({ width: 340, height: 520 });
    const shown = await readPopup(popup, firefox.baseUrl, tabId);
    assert.equal(shown.workspace, 'uncovered');
    assert.equal(shown.scanner, 'connected');
    assert.deepEqual(shown.groups, { date: 1, phone: 1, ssn: 1 });
    await popup.screenshot({ path: artifactPath('firefox-popup.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('managed policy: Firefox\'s managed storage reaches the host, merged over the system policy file', async () => {
    const page = await firefox.browser.newPage();
    await openUrl(page, `${firefox.baseUrl}${POPUP_PATH}`);
    const status = await waitFor(async () => {
      const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'phisentry/policy-status' }));
      return reply?.sources?.workspaces === 'managed' ? reply : null;
    }, { timeout: 10000, message: 'the managed policy at the host' });
    assert.equal(status.ok, true);
    assert.deepEqual(status.policy.workspaces, MANAGED_POLICY.workspaces);
    assert.equal(status.sources.justification_min_length, 'system');
    assert.equal(status.policy.justification_min_length, 12);
    assert.equal(status.sources.default_action, 'default');
    await page.close();
  });

  test('popup: a covered workspace names the policy entry that covers it', async (t) => {
    if (!(await hostCapabilities(HOST_PATH)).includes('policy')) {
      t.skip('this host does not apply a policy');
      return;
    }
    const page = await firefox.browser.newPage();
    const url = server.url('covered.atlassian.net', CLOUD_PAGE);
    await page.goto(url);
    await cloudEditorHighlights(page, HOST_PATH);
    const popup = await firefox.browser.newPage();
    const shown = await readPopup(popup, firefox.baseUrl, await tabIdOfUrl(popup, firefox.baseUrl, url));
    assert.equal(shown.workspace, 'covered');
    assert.ok(shown.entry.includes(COVERED_LABEL), shown.entry);
    await Promise.all([popup.close(), page.close()]);
  });

  test('popup on a page PHI Sentry does not watch says so, and Tab then Enter opens the trainer sandbox', async () => {
    // Opened as a page without ?tab=, the popup shows the active tab: its own, which is not watched.
    const popup = await firefox.browser.newPage();
    await openUrl(popup, `${firefox.baseUrl}${POPUP_PATH}`);
    await popup.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await popup.evaluate(() => ({
      workspace: document.getElementById('workspace-state').dataset.state,
      findingsHidden: document.getElementById('findings-section').hidden,
    })), { workspace: 'unwatched', findingsHidden: true });
    await popup.keyboard.press('Tab');
    assert.equal(await popup.evaluate(() => document.activeElement.id), 'open-sandbox');
    await popup.keyboard.press('Enter');
    // The new tab, as the extension sees its own pages (Firefox does not report moz-extension loads
    // to WebDriver): the sandbox with its scenario in the editor.
    const sandboxOpened = (path) => chrome.extension.getViews({ type: 'tab' }).some((view) =>
      view.location.pathname.endsWith(path) && view.document.querySelector('#editor p'));
    await waitFor(() => popup.evaluate(sandboxOpened, `/${SANDBOX_PATH}`), { timeout: 8000, message: 'the sandbox tab' });
    await popup.evaluate((path) => chrome.extension.getViews({ type: 'tab' }).filter((view) => view.location.pathname.endsWith(path)).forEach((view) => view.close()), `/${SANDBOX_PATH}`);
    await popup.close();
  });

  test('options: "Not PHI" entries shown as digests with a count, cleared in two steps by keyboard', async () => {
    const digest = 'a1'.repeat(32);
    const page = await firefox.browser.newPage();
    await openUrl(page, `${firefox.baseUrl}${OPTIONS_PATH}`);
    await page.evaluate((value) => chrome.storage.local.set({ allowlistDigests: [value] }), digest);
    await openUrl(page, `${firefox.baseUrl}${OPTIONS_PATH}?reload`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await page.evaluate(() => ({
      count: document.getElementById('allowlist-count').textContent,
      title: document.querySelector('#allowlist li')?.title,
      fields: document.querySelectorAll('#policy input, #policy select, #policy textarea').length,
    })), { count: 'Entries: 1', title: digest, fields: 0 });
    await page.screenshot({ path: artifactPath('firefox-options.png'), fullPage: true });
    await page.click('#clear-allowlist');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-clear');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('allowlist-count').textContent === 'Entries: 0');
    assert.deepEqual((await page.evaluate(() => chrome.storage.local.get('allowlistDigests'))).allowlistDigests, []);
    await page.close();
  });

  test('Jira: PHI in the summary stops Create; "Replace all" fixes the field and the save goes through', async () => {
    const { page, ui } = await firefox.open(server, JIRA_PAGE);
    await typeSsnIntoSummary(page);
    await summaryReplaceAllSaves(page, ui, () => savesOf('jira-issue'));
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
    await pasteByKeyboard(page, '#comment .ProseMirror', PASTED_PHI);
    await pasteWarningUndoesOnlyThePaste(page, ui, 'firefox-jira-paste-warning.png');
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
    assert.ok(!JSON.stringify(stored).includes('555-0142'), 'no page text in extension storage');
    assert.equal(stored.allowlistDigests.length, 1);
    await Promise.all([options.close(), page.close()]);
  });

  test('Cloud: the dialog is an accessible modal that keeps focus; "Save anyway" needs a justification', async () => {
    server.saves.length = 0; // earlier tests saved the Cloud page
    const { page, ui } = await firefox.open(server, CLOUD_PAGE);
    await typeIntoBody(page, PHI_LINE);
    await page.click('#publish');
    await waitForDialog(ui);
    await dialogIsAccessibleAndKeepsFocus(page, ui);
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

  test('host killed: notice, "!" badge, the popup\'s state and reason, the fail mode (warn) holds; scanning resumes when the host is back', async (t) => {
    server.saves.length = 0;
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
    const popup = await firefox.browser.newPage();
    await popup.setViewport({ width: 340, height: 520 });
    const shown = await readPopup(popup, firefox.baseUrl, await tabIdOfUrl(popup, firefox.baseUrl, page.url()));
    assert.equal(await popup.evaluate(() => getComputedStyle(document.getElementById('scanner-info')).display), 'none', 'no empty host details');
    const details = await popup.evaluate(() => document.getElementById('scanner-details').textContent);
    await popup.screenshot({ path: artifactPath('firefox-popup-unavailable.png') });
    await popup.close();
    assert.equal(shown.scanner, 'unavailable');
    await t.test('the popup shows why Firefox dropped the host (port.error)', () => {
      assert.match(details, /The browser said: \S/);
    });

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

  test('a registered host that exits at once: the sandbox and the popup say the scanner is unavailable, and how to fix it', async () => {
    firefox.registerHost('/bin/false'); // Firefox reports the disconnect in port.error
    for (const pid of firefox.hostPids()) process.kill(pid, 'SIGKILL');
    const page = await firefox.browser.newPage();
    await scannerUnavailableIsExplained(page, firefox.baseUrl);
    await page.close();
  });
});
