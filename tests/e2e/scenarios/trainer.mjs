// Scenarios shared by the Chromium (Playwright) and Firefox (puppeteer-core over WebDriver BiDi)
// end-to-end runs. They use only the page API both libraries share: goto, evaluate,
// waitForFunction, waitForSelector, click, keyboard, screenshot.
import assert from 'node:assert/strict';
import { artifactPath, waitFor } from '../harness/browser.mjs';
import { expectedHighlights, scanWithHost } from '../harness/host-client.mjs';
import { typeIntoBody, waitForDialog, waitForHighlights } from '../harness/session.mjs';
import { SCENARIOS } from '../../../extension/src/sandbox/scenarios.js';

export const SANDBOX_PATH = 'src/sandbox/sandbox.html';
export const POPUP_PATH = 'src/popup/popup.html';
export const CLOUD_PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';
// Synthetic: 512-44-6789 passes the SSA rules by construction; 555-01xx numbers are fictional.
export const PHI_LINE = 'Patient DOB: 03/14/1961. SSN 512-44-6789. Reach the patient by phone at (503) 555-0142.';
const TYPED_LINE = 'Follow-up call to the patient at (971) 555-0163 tomorrow.';

// Firefox never reports "load" for moz-extension:// pages over WebDriver BiDi although the page
// loads, so those are opened without waiting for the navigation (its wait for "load" times out
// harmlessly in the background) and the page is polled instead (puppeteer only).
export async function openUrl(page, url) {
  if (!url.startsWith('moz-extension:')) return page.goto(url);
  page.goto(url, { timeout: 3000 }).catch(() => {}); // a real failure shows as the poll's timeout
  // Polled from here: an evaluation that meets the document being swapped (the first load of an
  // extension page changes process) throws, and is simply tried again.
  const loaded = (expected) => location.href === expected && document.readyState === 'complete';
  return waitFor(() => page.evaluate(loaded, url).catch(() => false), { timeout: 10000, message: `${url} to load` });
}

export const scenarioText = (id) => SCENARIOS.find((scenario) => scenario.id === id).paragraphs.join('\n');
const sandboxText = (page) => page.evaluate(() => [...document.querySelectorAll('#editor p')].map((p) => p.textContent).join('\n'));
const panel = (page) => page.evaluate(() => ({
  items: [...document.querySelectorAll('#findings .finding')].map((item) => ({
    letter: item.dataset.letter, quote: item.querySelector('.quote').textContent, expanded: item.getAttribute('aria-current') === 'true',
    level: [...item.querySelector('.level').classList].find((name) => name !== 'level'),
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
  assert.match(item.details, /^Telephone number$/m, 'the rule\'s own name (the host\'s finding.name)');
  assert.match(item.details, /To make it safe: remove it, or replace it with the placeholder \[PHONE\]/);
  const current = await page.evaluate(() => [...CSS.highlights.get('phisentry-sandbox-current')].map((range) => range.toString()));
  assert.deepEqual(current, ['(971) 555-0163']);
  assert.ok((await sandboxText(page)).endsWith(TYPED_LINE));
  // "Replace with placeholder" in the entry fixes the text and the finding goes away.
  await page.click(`#findings .finding:nth-child(${index + 1}) .replace`);
  await waitFor(async () => (await sandboxText(page)).includes('patient at [PHONE] tomorrow'), { timeout: 5000, message: 'the placeholder' });
  await waitFor(async () => !(await panel(page)).items.some((entry) => entry.quote === '(971) 555-0163'), { timeout: 5000, message: 'the finding to go' });
}

// Presenter mode on the huddle notes: large type, the tally by identifier (what stops a save, by
// Safe Harbor letter), and the simulated Publish: the real dialog, whose "Replace all" replaces every
// finding that stops a save with its rule's placeholder. `ui` reads the dialog's closed shadow root
// (the browser's own driver); screenshots are saved as `<prefix>sandbox-presenter*.png`. Returns the
// quotes of what still stops a save after the rescan (`leftOver`, expected empty).
export async function sandboxPresenterPublish(page, baseUrl, hostPath, ui, prefix = '') {
  const { panel: shown, findings } = await sandboxShowsScenario(page, baseUrl, hostPath, 'huddle', '&presenter=1');
  const warned = findings.filter((finding) => finding.confidence !== 'low');
  const byLetter = {};
  for (const finding of warned) byLetter[finding.hipaa] = (byLetter[finding.hipaa] ?? 0) + 1;
  const looks = await page.evaluate(() => ({
    pressed: document.getElementById('presenter').getAttribute('aria-pressed'),
    editorFont: parseFloat(getComputedStyle(document.getElementById('editor')).fontSize),
  }));
  assert.equal(looks.pressed, 'true');
  assert.ok(looks.editorFont >= 24, `presenter type is large (${looks.editorFont}px)`);
  assert.deepEqual(shown.tally, Object.entries(byLetter).sort());
  assert.ok(warned.length >= 4, 'the huddle notes stop a save');
  await page.click('#findings .finding:nth-child(2) .summary');
  await page.screenshot({ path: artifactPath(`${prefix}sandbox-presenter.png`) });

  await page.click('#publish');
  await waitForDialog(ui);
  assert.match(await ui.text('[role="alertdialog"]'), /not covered by a Business Associate Agreement/);
  await page.screenshot({ path: artifactPath(`${prefix}sandbox-presenter-dialog.png`) });
  await ui.click('[data-action="replace"]');
  await waitForDialog(ui, false);
  const outcome = `Replaced with placeholders: ${warned.length}.`;
  await waitFor(async () => (await outcomeText(page)).startsWith(outcome), { message: 'the replace outcome' });
  const text = await sandboxText(page);
  for (const finding of warned) {
    assert.ok(!text.includes(finding.text), `"${finding.rule}" was replaced`);
    assert.ok(text.includes(finding.placeholder), `the rule's placeholder ${finding.placeholder} is in the text`);
  }
  assert.match(text, /DOB \[DATE OF BIRTH\]/);
  // What still stops a save once the rescan of the replaced text has settled: nothing (the host
  // checks that no placeholder is flagged itself, tests/unit/test_scanner.cpp).
  const leftOver = async () => (await panel(page)).items.filter((item) => item.level !== 'low').map((item) => item.quote);
  await waitFor(async () => (await leftOver()).length === 0, { timeout: 3000, message: 'nothing left' }).catch(() => {});
  return { leftOver: await leftOver() };
}

const outcomeText = (page) => page.evaluate(() => document.getElementById('publish-outcome').textContent);

// The clean scenarios: nothing found, and the simulated Publish saves with no dialog.
export async function sandboxCleanScenariosPublish(page, baseUrl, hostPath, ui) {
  for (const id of ['runbook', 'meeting']) {
    await sandboxShowsScenario(page, baseUrl, hostPath, id);
    await page.click('#publish');
    await waitFor(async () => /nothing on this page identifies a patient/.test(await outcomeText(page)), { message: 'the clean outcome' });
    assert.equal(await ui.count('[role="alertdialog"]'), 0);
  }
}

// Keyboard only: Tab reaches the scenario picker, the presenter toggle, Publish, the page, then the
// first finding, whose entry Enter opens with its remedy; every control is labelled.
export async function sandboxByKeyboard(page, baseUrl, hostPath) {
  await sandboxShowsScenario(page, baseUrl, hostPath, 'sop');
  const focusOrder = [];
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Tab');
    focusOrder.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
  }
  assert.deepEqual(focusOrder, ['scenario', 'presenter', 'publish', 'editor', 'summary']);
  await page.keyboard.press('Enter');
  const first = await page.evaluate(() => ({
    expanded: document.querySelector('#findings .finding:first-child .summary').getAttribute('aria-expanded'),
    details: document.querySelector('#findings .finding:first-child .details').textContent,
    label: document.querySelector('label[for="scenario"]').textContent,
  }));
  assert.equal(first.expanded, 'true');
  assert.match(first.details, /To make it safe/);
  assert.equal(first.label, 'Scenario');
}

// The Medicare walkthrough: the card number's entry names its rule and promises the rule's own
// placeholder, and "Replace with placeholder" inserts exactly that (the host's finding.placeholder).
export async function sandboxReplacesWithRulePlaceholder(page, baseUrl, hostPath) {
  const { findings } = await sandboxShowsScenario(page, baseUrl, hostPath, 'medicare');
  const index = findings.findIndex((finding) => finding.category === 'health_plan');
  const { name, placeholder } = findings[index];
  assert.equal(placeholder, '[MEDICARE ID]');
  await page.click(`#findings .finding:nth-child(${index + 1}) .summary`);
  const item = (await panel(page)).items[index];
  assert.match(item.details, new RegExp(`^${name}$`, 'm'));
  assert.ok(item.details.includes(`replace it with the placeholder ${placeholder}`), item.details);
  assert.ok(!item.details.includes(findings[index].text), 'the explanation never repeats the identifier');
  await page.click(`#findings .finding:nth-child(${index + 1}) .replace`);
  await waitFor(async () => (await sandboxText(page)).includes(`Medicare Number: ${placeholder}`), { timeout: 5000, message: 'the rule\'s placeholder' });
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
