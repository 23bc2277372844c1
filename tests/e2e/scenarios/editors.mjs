// Editor scenarios shared by the Chromium and Firefox suites: each browser gets the page into the
// state in its own way (a synthetic paste in Chromium, the real clipboard in Firefox), then the same
// checks run on what the user sees.
import assert from 'node:assert/strict';
import { artifactPath, waitFor } from '../harness/browser.mjs';
import { waitForDialog } from '../harness/session.mjs';

export const PASTED_PHI = 'Patient DOB: 03/14/1961. SSN 512-44-6789.';

// The Jira fixture's editor text, from the page's own model of it.
export const jiraEditorText = (page, name) => page.evaluate((editor) => window.fixture.editors[editor].text(), name);

// Puts the pointer on the highlighted `value`, which opens its finding card. Waits for the highlight:
// the scan of the last typed words may still be on its way.
export async function hoverFinding(page, ui, value) {
  const box = await waitFor(() => page.evaluate((wanted) => {
    const range = [...CSS.highlights.values()].flatMap((highlight) => [...highlight]).find((r) => r.toString() === wanted);
    if (!range) return null;
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, value), { message: `the highlight of a ${value.length}-character finding` });
  await page.mouse.move(box.x, box.y);
  await waitFor(() => ui.count('.card'), { message: 'the finding card' });
}

// After PASTED_PHI was pasted into the Jira comment after "Note: ": the warning names what was pasted
// without repeating it, and "Undo paste" takes out only the paste.
export async function pasteWarningUndoesOnlyThePaste(page, ui, screenshot) {
  await waitFor(() => ui.count('.banner.warning'), { timeout: 8000, message: 'the paste warning' });
  const warning = await ui.text('.banner.warning');
  assert.match(warning, /pasted may contain PHI/);
  assert.match(warning, /Social Security number \(1\)/);
  assert.ok(!warning.includes('512-44-6789'), 'the warning never repeats the PHI');
  assert.equal((await ui.attributes('.banner.warning')).role, 'alert');
  await page.screenshot({ path: artifactPath(screenshot) });
  assert.match(await jiraEditorText(page, 'comment'), /512-44-6789/);
  await ui.click('.banner.warning button.primary');
  await waitFor(async () => !(await jiraEditorText(page, 'comment')).includes('512-44-6789'), { message: 'the paste undone' });
  assert.equal((await jiraEditorText(page, 'comment')).trimEnd(), 'Note:', 'only the paste was undone');
}

// With the save dialog open: an accessible modal, "Go back and edit" focused, Tab kept inside it.
export async function dialogIsAccessibleAndKeepsFocus(page, ui) {
  const attributes = await ui.attributes('[role="alertdialog"]');
  assert.equal(attributes['aria-modal'], 'true');
  assert.ok(attributes['aria-labelledby'] && attributes['aria-describedby']);
  const text = await ui.text('[role="alertdialog"]');
  assert.match(text, /not covered by a Business Associate Agreement/);
  assert.ok(!text.includes('512-44-6789'), 'the dialog never repeats the PHI');
  assert.equal(await ui.focusedText(), 'back', '"Go back and edit" is the default');
  const visited = [];
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    visited.push(await ui.focusedText());
  }
  assert.deepEqual(visited, ['replace', 'override', 'back', 'replace']);
  return text;
}

// Adds an SSN at the end of the Jira fixture's summary field (an <input>, flagged by a ring).
export async function typeSsnIntoSummary(page) {
  await page.click('#summary');
  await page.keyboard.press('End');
  await page.keyboard.type(' for SSN 512-44-6789');
}

// After typeSsnIntoSummary: Create is held by the dialog, "Replace all" fixes the field and the save
// goes through. `jiraSaves()`: what the fixture server has saved of the Jira page so far.
export async function summaryReplaceAllSaves(page, ui, jiraSaves) {
  await page.click('#create');
  await waitForDialog(ui);
  assert.match(await ui.text('[role="alertdialog"]'), /Social Security number\s+1/);
  assert.equal(jiraSaves().length, 0);
  await ui.click('[data-action="replace"]');
  const saved = await waitFor(() => jiraSaves()[0], { message: 'the save' });
  assert.equal(saved.summary, 'Front desk follow-up for SSN [SSN]');
  assert.equal(await page.evaluate(() => document.getElementById('summary').value), 'Front desk follow-up for SSN [SSN]');
}
