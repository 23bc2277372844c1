// Page actions the Firefox scenarios share: a paste through the real clipboard, Ctrl+key, and the
// toolbar badge asked from an extension page.
import { POPUP_PATH, openUrl } from '../../e2e/scenarios/trainer.mjs';

// Pastes `text` into `target` through the real clipboard (Ctrl+C on a selected scratch paragraph,
// Ctrl+V): Firefox gives a page-made ClipboardEvent an empty clipboardData, so a synthetic paste
// proves nothing. The scratch paragraph is not editable, so PHI Sentry does not watch it.
export async function pasteByKeyboard(page, target, text) {
  await page.evaluate((value) => {
    const source = document.createElement('p');
    source.id = 'e2e-clipboard-source';
    source.textContent = value;
    document.body.append(source);
    const range = document.createRange();
    range.selectNodeContents(source);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
  }, text);
  await withControl(page, 'c');
  await page.evaluate(() => document.getElementById('e2e-clipboard-source').remove());
  await page.click(target);
  await page.keyboard.press('End');
  await withControl(page, 'v');
}

export async function withControl(page, key) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
}

// What the toolbar badge shows for the tab on `pattern`, asked from an extension page.
export async function badgeText(firefox, pattern) {
  const page = await firefox.browser.newPage();
  await openUrl(page, `${firefox.baseUrl}${POPUP_PATH}`);
  const text = await page.evaluate(async (wanted) => {
    const [tab] = await chrome.tabs.query({ url: wanted });
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, pattern);
  await page.close();
  return text;
}
