// When the host dies the user sees it and the fail mode holds; when the service worker is
// stopped (MV3 may do so at any time) scanning resumes by itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { removeNativeHostManifest, writeNativeHostManifest } from './harness/native-host-manifest.mjs';
import { startSession, typeIntoBody, waitForDialog, waitForHighlights } from './harness/session.mjs';

const PAGE = '/wiki/spaces/OPS/pages/edit-v2/3/fixtures/cloud-editor.html';
const FIRST = 'Patient SSN 512-44-6789.';
const SECOND = ' Second patient SSN 623-18-4402.';

async function badgeText(worker, url) {
  return worker.evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, url);
}

describe('resilience', { skip: skipReason }, () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session?.close());

  test('host killed: notice, badge, and the fail mode (warn) holds; it recovers when the host is back', async () => {
    const { browser } = session;
    const { page, ui } = await session.open(PAGE);
    await typeIntoBody(page, FIRST);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789'] });
    const pids = browser.hostPids();
    assert.equal(pids.length, 1, 'one host process serves every tab');

    // Unregister the host so reconnecting fails too, then kill it.
    removeNativeHostManifest(browser.userDataDir);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await waitFor(() => ui.count('.banner[data-kind="unavailable"]'), { message: 'the unavailable notice' });
    assert.match(await ui.text('.banner[data-kind="unavailable"]'), /PHI Sentry scanner unavailable/);
    assert.equal(await badgeText(browser.worker, '*://clinic.atlassian.net/*'), '!');
    await page.screenshot({ path: artifactPath('host-unavailable-notice.png') });

    await typeIntoBody(page, ' More notes.');
    await page.click('#publish');
    await waitForDialog(ui);
    const dialog = await ui.text('[role="alertdialog"]');
    assert.match(dialog, /could not check this page/);
    assert.equal(await ui.count('[data-action="replace"]'), 0, 'nothing to replace without findings');
    assert.equal(await ui.count('[data-action="override"]'), 1, 'fail mode "warn" allows an override');
    await page.screenshot({ path: artifactPath('host-unavailable-dialog.png') });
    await ui.click('[data-action="back"]');
    await waitForDialog(ui, false);
    assert.equal(session.server.saves.length, 0);

    // The host comes back: the extension reconnects by itself (back-off) and scanning resumes.
    writeNativeHostManifest(browser.userDataDir, browser.hostPath, browser.extensionId);
    await waitFor(async () => (await ui.count('.banner[data-kind="unavailable"]')) === 0, {
      timeout: 20000, message: 'the notice to clear',
    });
    await typeIntoBody(page, SECOND);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789', '623-18-4402'] });
    assert.equal(await badgeText(browser.worker, '*://clinic.atlassian.net/*'), '2');
    await page.close();
  });

  test('service worker stopped: scanning resumes with a new worker and a new host process', async () => {
    const { browser } = session;
    const { page } = await session.open(PAGE);
    await typeIntoBody(page, FIRST);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789'] });
    const [hostBefore] = browser.hostPids();

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The worker's port closes with it, so its host exits: proof that the worker really stopped.
    await waitFor(() => !browser.hostPids().includes(hostBefore), { message: 'the old host to exit with its port' });

    await typeIntoBody(page, SECOND);
    await waitForHighlights(page, { 'phisentry-high': ['512-44-6789', '623-18-4402'] });
    const hostsAfter = browser.hostPids();
    assert.equal(hostsAfter.length, 1);
    assert.notEqual(hostsAfter[0], hostBefore);
    await cdp.detach();
    await page.close();
  });
});
