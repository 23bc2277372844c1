// A scan the host could not finish (its hit limit, on a page too large or too dense) must not
// look clean: the findings that came back are shown, the user is told, and the save follows the
// fail mode (here the default, "warn"). The host is the real one behind a relay that marks every
// scan result "incomplete" (harness/unfinished-scan-host.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { writeNativeHostManifest } from './harness/native-host-manifest.mjs';
import { E2E_DIR, HOST_PATH } from './harness/paths.mjs';
import { startSession, typeIntoBody, waitForDialog, waitForHighlights } from './harness/session.mjs';

const PAGE = '/wiki/spaces/OPS/pages/edit-v2/3/fixtures/cloud-editor.html';
const RELAY = fileURLToPath(new URL('./harness/unfinished-scan-host.mjs', import.meta.url));

describe('an unfinished scan', { skip: skipReason }, () => {
  let session;
  let configHome;
  before(async () => {
    // The real host's own registration (Chromium's user folder), for its caller check.
    configHome = mkdtempSync(join(tmpdir(), 'phisentry-relay-'));
    const extensionId = readFileSync(join(E2E_DIR, 'test-extension-id.txt'), 'utf8').trim();
    writeNativeHostManifest(join(configHome, 'chromium'), realpathSync(HOST_PATH), extensionId);
    session = await startSession({
      hostPath: RELAY,
      env: { PHISENTRY_REAL_HOST: HOST_PATH, PHISENTRY_REAL_HOST_CONFIG: configHome },
    });
  });
  after(async () => {
    await session?.close();
    if (configHome) rmSync(configHome, { recursive: true, force: true });
  });

  test('without findings: a notice, and saving asks as for an unavailable scanner', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, ' Routine notes.');
    await waitFor(() => ui.count('.banner[data-kind="incomplete"]'), { message: 'the "could not finish" notice' });
    assert.match(await ui.text('.banner[data-kind="incomplete"]'), /could not finish scanning this page/);
    assert.equal(await ui.count('.banner[data-kind="unavailable"]'), 0, 'the scanner itself is available');

    await page.click('#publish');
    await waitForDialog(ui);
    const dialog = await ui.text('[role="alertdialog"]');
    assert.match(dialog, /could not finish scanning this page: it is too large or too dense/);
    assert.equal(await ui.count('[data-action="replace"]'), 0, 'nothing to replace without findings');
    assert.equal(await ui.count('[data-action="override"]'), 1, 'fail mode "warn" allows an override');
    await page.screenshot({ path: artifactPath('unfinished-scan-dialog.png') });
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(session.server.saves.length, 0, 'the save did not go through as if the page were clean');
    await page.close();
  });

  test('with findings: they are highlighted and listed, and the dialog says there may be more', async () => {
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, ' Patient SSN 512-44-6789.');
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789'] });
    await page.click('#publish');
    await waitForDialog(ui);
    const dialog = await ui.text('[role="alertdialog"]');
    assert.match(dialog, /may contain patient information/);
    assert.match(dialog, /there may be more than this/);
    assert.equal(await ui.count('[data-action="replace"]'), 1);
    await page.screenshot({ path: artifactPath('unfinished-scan-findings-dialog.png') });
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(session.server.saves.length, 0);
    await page.close();
  });
});
