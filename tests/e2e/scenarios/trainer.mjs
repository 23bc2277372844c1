// Scenarios shared by the Chromium (Playwright) and Firefox (puppeteer-core over WebDriver BiDi)
// end-to-end runs. They use only the page API both libraries share: goto, evaluate,
// waitForFunction, waitForSelector, click, keyboard, screenshot.
import assert from 'node:assert/strict';
import { waitFor } from '../harness/browser.mjs';
import { expectedHighlights, scanWithHost } from '../harness/host-client.mjs';
import { typeIntoBody, waitForHighlights } from '../harness/session.mjs';
import { SCENARIOS } from '../../../extension/src/sandbox/scenarios.js';

export const SANDBOX_PATH = 'src/sandbox/sandbox.html';
export const POPUP_PATH = 'src/popup/popup.html';
export const CLOUD_PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';
// Synthetic: 512-44-6789 passes the SSA rules by construction; 555-01xx numbers are fictional.
export const PHI_LINE = 'Patient DOB: 03/14/1961. SSN 512-44-6789. Reach the patient by phone at (503) 555-0142.';
const TYPED_LINE = 'Follow-up call to the patient at (971) 555-0163 tomorrow.';

// Firefox never reports "load" for moz-extension:// pages over WebDriver BiDi although the page
// loads, so those are opened without waiting for the navigation and then polled (puppeteer only).
export async function openUrl(page, url) {
  if (!url.startsWith('moz-extension:')) return page.goto(url);
  await page.goto(url, { timeout: 1500 }).catch((error) => {
    if (error.name !== 'TimeoutError') throw error;
  });
  return page.waitForFunction((expected) => location.href === expected && document.readyState === 'complete', {}, url);
}

export const scenarioText = (id) => SCENARIOS.find((scenario) => scenario.id === id).paragraphs.join('\n');
const sandboxText = (page) => page.evaluate(() => [...document.querySelectorAll('#editor p')].map((p) => p.textContent).join('\n'));
const panel = (page) => page.evaluate(() => ({
  items: [...document.querySelectorAll('#findings .finding')].map((item) => ({
    letter: item.dataset.letter, quote: item.querySelector('.quote').textContent, expanded: item.getAttribute('aria-current') === 'true',
    details: item.querySelector('.details').innerText,
  })),
  tally: [...document.querySelectorAll('#tally li')].map((item) => [item.dataset.letter, Number(item.querySelector('.count').textContent)]),
  empty: !document.getElementById('empty').hidden,
}));

// Opens the sandbox on a scenario: the highlights are exactly what the host reports for its text,
// and the panel lists one explained entry per finding.
export async function sandboxShowsScenario(page, baseUrl, hostPath, id, query = '') {
  await openUrl(page, `${baseUrl}${SANDBOX_PATH}?scenario=${id}${query}`);
  const findings = await scanWithHost(hostPath, scenarioText(id));
  await waitForHighlights(page, expectedHighlights(findings), 8000);
  await waitFor(async () => (await panel(page)).items.length === findings.length, { timeout: 5000, message: 'the findings panel' });
  const shown = await panel(page);
  assert.deepEqual(shown.items.map((item) => item.quote), findings.map((finding) => finding.text));
  assert.deepEqual(shown.items.map((item) => item.letter), findings.map((finding) => finding.hipaa));
  assert.equal(shown.empty, findings.length === 0);
  return { findings, panel: shown };
}

// Typing in the sandbox highlights the new identifier, and clicking its entry explains it.
export async function sandboxExplainsTypedPhi(page) {
  await page.click('#editor p:last-child');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(TYPED_LINE);
  await waitFor(async () => (await panel(page)).items.some((item) => item.quote === '(971) 555-0163'), { timeout: 5000, message: 'the typed phone number' });
  const index = (await panel(page)).items.findIndex((item) => item.quote === '(971) 555-0163');
  await page.click(`#findings .finding:nth-child(${index + 1}) .summary`);
  const item = (await panel(page)).items[index];
  assert.equal(item.letter, 'D');
  assert.equal(item.expanded, true);
  assert.match(item.details, /phone number that reaches the patient/);
  assert.match(item.details, /To make it safe: remove it, or replace it with the placeholder \[PHONE\]/);
  const current = await page.evaluate(() => [...CSS.highlights.get('phisentry-sandbox-current')].map((range) => range.toString()));
  assert.deepEqual(current, ['(971) 555-0163']);
  assert.ok((await sandboxText(page)).endsWith(TYPED_LINE));
  // "Replace with placeholder" in the entry fixes the text and the finding goes away.
  await page.click(`#findings .finding:nth-child(${index + 1}) .replace`);
  await waitFor(async () => (await sandboxText(page)).includes('patient at [PHONE] tomorrow'), { timeout: 5000, message: 'the placeholder' });
  await waitFor(async () => !(await panel(page)).items.some((entry) => entry.quote === '(971) 555-0163'), { timeout: 5000, message: 'the finding to go' });
}

// The Confluence Cloud fixture: typing PHI highlights exactly what the host flags.
export async function cloudEditorHighlights(page, hostPath) {
  await page.waitForFunction(() => window.fixture?.ready === true);
  await typeIntoBody(page, PHI_LINE);
  await waitForHighlights(page, expectedHighlights(await scanWithHost(hostPath, PHI_LINE)), 8000);
}

// The popup opened for a tab (?tab=): its workspace verdict and its findings by category.
export async function readPopup(page, baseUrl, tabId) {
  await openUrl(page, `${baseUrl}${POPUP_PATH}?tab=${tabId}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('scanner-state').dataset.state !== 'starting', { timeout: 20000 });
  return page.evaluate(() => ({
    workspace: document.getElementById('workspace-state').dataset.state,
    workspaceText: document.getElementById('workspace-state').textContent,
    entry: document.getElementById('workspace-entry').textContent,
    scanner: document.getElementById('scanner-state').dataset.state,
    groups: Object.fromEntries([...document.querySelectorAll('#groups li')].map((li) => [li.dataset.category, Number(li.querySelector('.count').textContent)])),
  }));
}

// Clicks the page's own publish button: the dialog holds the save; from "Go back and edit" (its
// default) Tab reaches "Replace all with placeholders" and Enter replaces and saves.
async function replaceAllByKeyboard(page, server, publishSelector, pageName) {
  const before = server.saves.length;
  await page.click(publishSelector);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(server.saves.length, before, 'the dialog holds the save');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  return waitFor(() => server.saves.slice(before).find((save) => save.page === pageName), { timeout: 8000, message: 'the save' });
}

// Publish with PHI on the Cloud fixture, keyboard only: nothing is saved while the dialog is open;
// Tab moves from "Go back and edit" (the default) to "Replace all with placeholders", Enter replaces
// and saves the clean page. Observed from the outside (the fixture server's saves), so it needs no
// access to the dialog's closed shadow root.
export async function publishReplacesAllByKeyboard(page, server) {
  const saved = await replaceAllByKeyboard(page, server, '#publish', 'cloud');
  assert.ok(!saved.body.includes('512-44-6789'), 'the SSN was replaced before saving');
  assert.match(saved.body, /SSN \[SSN\]/);
  return saved;
}

// The id of the tab showing `url`, asked from an extension page (host permissions let the
// extension see the URLs of the sites it watches).
export async function tabIdOfUrl(extensionPage, baseUrl, url) {
  await openUrl(extensionPage, `${baseUrl}${POPUP_PATH}`);
  return extensionPage.evaluate(async (wanted) => (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? null, url);
}

// With no working host: the sandbox says the scanner is not running and how to fix it, and the
// popup shows "Unavailable" with the fix.
export async function scannerUnavailableIsExplained(page, baseUrl) {
  await openUrl(page, `${baseUrl}${SANDBOX_PATH}?scenario=incident`);
  const line = await waitFor(async () => {
    const text = await page.evaluate(() => document.getElementById('scanner').textContent);
    return /not running/.test(text) && text;
  }, { timeout: 8000, message: 'the scanner problem line' });
  assert.match(line, /phisentry doctor/);
  assert.equal(await page.evaluate(() => [...CSS.highlights.get('phisentry-high')].length), 0);
  await waitFor(async () => {
    await openUrl(page, `${baseUrl}${POPUP_PATH}`);
    await page.waitForSelector('body[data-ready="true"]');
    return page.evaluate(() => document.getElementById('scanner-state').dataset.state === 'unavailable');
  }, { timeout: 8000, interval: 500, message: 'the popup to say unavailable' });
  assert.match(await page.evaluate(() => document.getElementById('scanner-fix').textContent), /phisentry doctor/);
}

// Confluence Data Center: TinyMCE in an iframe. Highlights inside the iframe equal the host's
// findings; Publish in the page is held, and "Replace all" (keyboard) saves the clean text.
export const DC_PAGE = '/confluence/pages/editpage.action/fixtures/dc-editor.html';
const DC_PHI = ' Patient DOB: 03/14/1961. SSN 512-44-6789.';

export async function dataCenterReplaceAllByKeyboard(page, server, hostPath) {
  await page.waitForFunction(() => window.fixture?.ready === true);
  const frame = await waitFor(() => page.frames().find((candidate) => candidate !== page.mainFrame()), { message: 'the editor iframe' });
  await frame.click('body p:last-child');
  await page.keyboard.press('End');
  await page.keyboard.type(DC_PHI);
  const fullText = await page.evaluate(() => window.fixture.text());
  await waitForHighlights(frame, expectedHighlights(await scanWithHost(hostPath, fullText)), 8000);
  const saved = await replaceAllByKeyboard(page, server, '#rte-button-publish', 'dc');
  assert.equal(saved.body, 'Intake checklist for the front desk. Patient DOB: [DATE OF BIRTH]. SSN [SSN].');
}
