// One browser and one fixture server shared by the tests of a file.
import { launchBrowser, waitFor } from './browser.mjs';
import { startFixtureServer } from './server.mjs';
import { PhiSentryUi, readHighlights } from './ui.mjs';

export const CLOUD_HOST = 'clinic.atlassian.net';

export async function startSession(options) {
  const server = await startFixtureServer(options);
  let browser;
  try {
    browser = await launchBrowser(options);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    async open(path, host = CLOUD_HOST) {
      const page = await browser.context.newPage();
      page.on('pageerror', (error) => console.error(`page error on ${path}: ${error.message}`));
      await page.goto(server.url(host, path));
      await page.waitForFunction(() => window.fixture?.ready === true);
      return { page, ui: new PhiSentryUi(page) };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

// Waits until the page's highlights equal `expected` (by name, order-insensitive).
export async function waitForHighlights(frame, expected, timeout = 5000) {
  const normalise = (byName) => JSON.stringify(Object.fromEntries(
    Object.keys(expected).map((name) => [name, [...(byName[name] ?? [])].sort()]),
  ));
  const want = normalise(expected);
  let last = null;
  try {
    await waitFor(async () => {
      last = await readHighlights(frame);
      return normalise(last) === want;
    }, { timeout, message: 'highlights' });
  } catch {
    throw new Error(`highlights never matched.\n expected ${want}\n last     ${normalise(last ?? {})}`);
  }
  return last;
}

export async function waitForDialog(ui, present = true, timeout = 5000) {
  await waitFor(async () => ((await ui.count('[role="alertdialog"]')) > 0) === present, {
    timeout, message: present ? 'the PHI Sentry dialog' : 'the dialog to close',
  });
}

// Types at the end of the last paragraph of the page's ProseMirror editor, as a user would.
export async function typeIntoBody(page, text) {
  await page.click('.ProseMirror p:last-child');
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}
