// No PHI at rest (issue 9): every feature runs on PHI-laden text (scan and highlights, the card,
// "Not PHI", replace with placeholder, the save dialog with "Save anyway", a paste, the popup), with
// the host logging at trace level and a private HOME for everything the host writes (log, audit trail,
// compiled-rule cache). Then every file the host and the extension wrote is searched for each matched
// value, as UTF-8 and as UTF-16: there must be no hit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipReason, waitFor } from './harness/browser.mjs';
import { readHighlights } from './harness/ui.mjs';
import { startSession, typeIntoBody, waitForDialog } from './harness/session.mjs';
import { hoverFinding } from './scenarios/editors.mjs';

const PAGE = '/wiki/spaces/OPS/pages/edit-v2/3/fixtures/cloud-editor.html';
// Synthetic values only: the SSN passes the SSA checks, the rest are invented.
const VALUES = ['623-18-4402', '04/11/1957', '(971) 555-0187', 'lmarquez.62@gmail.com', '00739164'];
const TEXT = `Patient DOB ${VALUES[1]}, SSN ${VALUES[0]}, cell ${VALUES[2]}, email ${VALUES[3]}, MRN: ${VALUES[4]}.`;

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

// The value as the bytes any store could hold it in: UTF-8, UTF-16LE (LevelDB, IndexedDB), JSON-escaped.
function needles(value) {
  return [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le'), Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8')];
}

function hitsIn(files) {
  const hits = [];
  for (const file of files) {
    if (statSync(file).size > 64 * 1024 * 1024) continue;
    const bytes = readFileSync(file);
    for (const value of VALUES) {
      if (needles(value).some((needle) => bytes.includes(needle))) hits.push(`${file}: ${value}`);
    }
  }
  return hits;
}


describe('no PHI at rest', { skip: skipReason }, () => {
  let session;
  let home;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'phisentry-home-'));
    mkdirSync(join(home, 'logs'));
    session = await startSession({
      env: { HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_STATE_HOME: join(home, '.local/state'),
        XDG_DATA_HOME: join(home, '.local/share'), PHISENTRY_LOG_LEVEL: 'trace', PHISENTRY_LOG_FILE: join(home, 'logs/host.log') },
    });
  });
  after(async () => {
    await session?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('every feature on PHI-laden text leaves none of the values in any file the host or extension wrote', { timeout: 180_000 }, async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, ` ${TEXT}`);
    await waitFor(async () => Object.values(await readHighlights(page)).flat().includes(VALUES[0]), { message: 'the SSN highlight' });

    await hoverFinding(page, ui, VALUES[2]);
    await ui.click('.card button:first-child'); // "Not PHI": stored as a digest
    await waitFor(async () => !Object.values(await readHighlights(page)).flat().includes(VALUES[2]), { message: 'Not PHI' });
    await hoverFinding(page, ui, VALUES[4]);
    await ui.click('.card button:last-child'); // replace with placeholder

    await page.evaluate((text) => { // a paste of PHI into the editor
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('.ProseMirror').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, ` Pasted: SSN ${VALUES[0]}`);

    await page.click('#publish'); // the dialog, then "Save anyway" with a justification (an audit record)
    await waitForDialog(ui);
    await ui.click('[data-action="override"]');
    await page.keyboard.type('Synthetic training page for the no-PHI test');
    await ui.click('[data-action="override"]');
    await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });

    const popup = await session.browser.context.newPage(); // the popup reads the tab summary
    await popup.goto(`chrome-extension://${session.browser.extensionId}/src/popup/popup.html`);
    await popup.waitForTimeout(500);
    await popup.close();
    await page.close();

    const storage = await session.browser.worker.evaluate(async () => JSON.stringify({
      local: await chrome.storage.local.get(null), session: await chrome.storage.session?.get(null),
    }));
    for (const value of VALUES) assert.ok(!storage.includes(value), `extension storage holds ${value}`);
    await session.browser.context.close(); // flush the profile's databases to disk

    const log = join(home, 'logs/host.log');
    assert.match(readFileSync(log, 'utf8'), /scan:/, 'the host really logged at trace level');
    const profile = session.browser.userDataDir;
    const extensionFiles = filesUnder(profile).filter((file) =>
      file.includes(session.browser.extensionId) || /Extension (State|Rules|Scripts)|Local Extension Settings|Service Worker/.test(file));
    const hostFiles = filesUnder(home);
    assert.ok(hostFiles.length > 0 && extensionFiles.length > 0, 'there are files to search');
    console.log(`searched ${hostFiles.length} host files and ${extensionFiles.length} extension files`);
    assert.deepEqual(hitsIn([...hostFiles, ...extensionFiles]), []);
    const canary = join(home, 'canary'); // the search itself finds a value stored as UTF-16
    writeFileSync(canary, Buffer.from(`x${VALUES[0]}x`, 'utf16le'));
    assert.deepEqual(hitsIn([canary]), [`${canary}: ${VALUES[0]}`]);
  });
});
