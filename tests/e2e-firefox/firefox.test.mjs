// The extension's end-to-end scenarios in Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi, with the real host registered in a scratch HOME. The scenarios are the Chromium
// run's (tests/e2e/scenarios), on the same fixture pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath } from '../e2e/harness/browser.mjs';
import { HOST_PATH } from '../e2e/harness/paths.mjs';
import { hostCapabilities } from '../e2e/harness/host-client.mjs';
import { startFixtureServer } from '../e2e/harness/server.mjs';
import {
  CLOUD_PAGE, DC_PAGE, cloudEditorHighlights, dataCenterReplaceAllByKeyboard, publishReplacesAllByKeyboard, readPopup, sandboxExplainsTypedPhi, sandboxShowsScenario,
  scannerUnavailableIsExplained, tabIdOfUrl,
} from '../e2e/scenarios/trainer.mjs';
import { launchFirefox, skipReason } from './harness/firefox.mjs';

const COVERED_LABEL = 'BAA signed 2026-03-01 (synthetic test entry)';

describe('Firefox ESR', { skip: skipReason }, () => {
  let firefox;
  let server;
  let scratch;

  before(async () => {
    // The host's system policy ($PHISENTRY_POLICY): covered.atlassian.net is covered, the rest not.
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-firefox-policy-'));
    const policy = join(scratch, 'policy.json');
    writeFileSync(policy, JSON.stringify({ workspaces: [{ match: 'https://covered.atlassian.net/*', covered: true, label: COVERED_LABEL }] }));
    server = await startFixtureServer();
    firefox = await launchFirefox({ env: { PHISENTRY_POLICY: policy } });
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
    await page.setViewport({ width: 1400, height: 900 });
    await sandboxShowsScenario(page, firefox.baseUrl, HOST_PATH, 'medicare', '&presenter=1');
    await page.screenshot({ path: artifactPath('firefox-sandbox-presenter.png') });
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
});

describe('Firefox ESR without a working host', { skip: skipReason }, () => {
  let firefox;
  before(async () => {
    // A registered host that exits at once: Firefox reports the disconnect in port.error.
    firefox = await launchFirefox({ hostPath: '/bin/false' });
  });
  after(() => firefox?.close());

  test('the sandbox and the popup say the scanner is unavailable, and how to fix it', async () => {
    const page = await firefox.browser.newPage();
    await scannerUnavailableIsExplained(page, firefox.baseUrl);
    await page.close();
  });
});
