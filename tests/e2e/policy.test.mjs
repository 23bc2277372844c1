// IT marks one Confluence site covered and another not, through Chromium's managed policy
// (/etc/chromium/policies/managed/): PHI Sentry stays quiet on the first, warns on the second,
// refuses a justification holding PHI, and the resulting audit trail verifies and holds no PHI.
// Writes a machine-wide policy file: ctest runs the e2e suite alone (RUN_SERIAL), and the file is
// removed whatever happens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { HOST_PATH, TEST_KEY_FILE } from './harness/paths.mjs';
import { startSession, typeIntoBody, waitForDialog } from './harness/session.mjs';
import { extensionIdFor, publicKeyBase64 } from '../../extension/build.mjs';

const MANAGED_DIR = '/etc/chromium/policies/managed';
const MANAGED_FILE = join(MANAGED_DIR, 'phisentry-e2e-policy.json');
const PAGE = '/wiki/spaces/OPS/pages/edit-v2/1/fixtures/cloud-editor.html';
const COVERED = 'covered-clinic.atlassian.net';
const UNCOVERED = 'free-clinic.atlassian.net';
// Synthetic: 512-44-6789 passes the SSA rules by construction; 555-01xx numbers are fictional.
const PHI_LINE = 'Patient DOB: 03/14/1961. SSN 512-44-6789. Reach the patient by phone at (503) 555-0142.';
const PHI_VALUES = ['512-44-6789', '512446789', '03/14/1961', '(503) 555-0142', '5035550142'];

const POLICY = {
  workspaces: [
    { match: `https://${COVERED}/wiki/*`, covered: true, action: 'allow', label: 'BAA signed 2026-03-01, HIPAA-tagged' },
    { match: `https://${UNCOVERED}/wiki/*`, covered: false, action: 'warn', label: 'Free plan: no BAA' },
  ],
  default_action: 'block',
  require_justification: true,
  justification_min_length: 12,
};

const whyNot = skipReason || (process.getuid?.() !== 0 && 'skipped: writing Chromium managed policy needs root');

describe('managed policy in a real Chromium', { skip: whyNot }, () => {
  let session;
  let scratch;
  let auditFile;
  let env;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-policy-e2e-'));
    auditFile = join(scratch, 'state/audit.jsonl');
    env = {
      PHISENTRY_AUDIT_FILE: auditFile,
      PHISENTRY_AUDIT_KEY: join(scratch, 'config/audit-signing.key'),
      XDG_CONFIG_HOME: join(scratch, 'config'),
      PHISENTRY_POLICY: join(scratch, 'no-system-policy.json'),
    };
    const id = extensionIdFor(publicKeyBase64(readFileSync(TEST_KEY_FILE, 'utf8')));
    mkdirSync(MANAGED_DIR, { recursive: true });
    writeFileSync(MANAGED_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: POLICY } } }));
    session = await startSession({ env });
  });

  after(async () => {
    rmSync(MANAGED_FILE, { force: true });
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the extension relays the managed policy; the host reports every key managed IT set', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/src/popup/popup.html`);
    const status = await waitFor(async () => {
      const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'phisentry/policy-status' }));
      return reply?.hostAvailable && reply.sources?.workspaces === 'managed' ? reply : null;
    }, { timeout: 10000, message: 'the managed policy at the host' });
    assert.equal(status.ok, true);
    assert.deepEqual(status.policy.workspaces, POLICY.workspaces);
    assert.equal(status.policy.default_action, 'block');
    assert.equal(status.sources.default_action, 'managed');
    assert.equal(status.sources.warn_at, 'default');
    await page.close();
  });

  test('covered site: quiet, the save goes through with no dialog', async () => {
    const { page, ui } = await session.open(PAGE, COVERED);
    await typeIntoBody(page, PHI_LINE);
    await page.waitForTimeout(600); // past the scan debounce: the verdict has arrived
    await page.click('#publish');
    await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });
    assert.equal(await ui.count('[role="alertdialog"]'), 0);
    session.server.saves.length = 0;
    await page.close();
  });

  test('uncovered site: warns; a justification holding PHI is refused; a clean one saves', async () => {
    const { page, ui } = await session.open(PAGE, UNCOVERED);
    await typeIntoBody(page, PHI_LINE);
    await page.click('#publish');
    await waitForDialog(ui);
    await ui.click('[data-action="override"]');
    await page.keyboard.type('Patient asked, SSN 512-44-6789 is hers');
    await ui.click('[data-action="override"]');
    await waitFor(async () => /contains PHI/.test(await ui.text('.justify .error')), { message: 'the refusal' });
    assert.equal(session.server.saves.length, 0, 'nothing saved');
    await page.screenshot({ path: artifactPath('policy-justification-refused.png') });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Made-up numbers for the training page');
    await ui.click('[data-action="override"]');
    await waitFor(() => session.server.saves.find((save) => save.page === 'cloud'), { message: 'the save' });
    await page.close();
  });

  test('the audit trail verifies, records the warning and the override, and holds no PHI', async () => {
    await session.close();
    session = null;
    const trail = readFileSync(auditFile, 'utf8');
    const events = trail.trim().split('\n').map((line) => JSON.parse(line));
    const names = events.map((record) => record.event);
    for (const name of ['host_started', 'policy_loaded', 'warning_shown', 'save_anyway']) assert.ok(names.includes(name), name);
    const override = events.find((record) => record.event === 'save_anyway');
    assert.equal(override.workspace, UNCOVERED);
    assert.equal(override.covered, false);
    assert.equal(override.justification, 'Made-up numbers for the training page');
    assert.ok(override.categories.ssn >= 1);
    assert.ok(override.values.every((value) => value.startsWith('b2:')));
    assert.ok(!names.includes('warning_shown') || events.filter((r) => r.event === 'warning_shown').every((r) => r.workspace === UNCOVERED),
      'no warning on the covered site');
    for (const value of PHI_VALUES) assert.ok(!trail.includes(value), `${value} is not in the trail`);
    const verify = execFileSync(HOST_PATH, ['audit', 'verify', auditFile, '--public-key', `${env.PHISENTRY_AUDIT_KEY}.pub`], {
      encoding: 'utf8', env: { ...process.env, ...env },
    });
    assert.match(verify, /^ok: \d+ records/m);
    assert.ok(existsSync(`${auditFile}.head`));
  });
});
