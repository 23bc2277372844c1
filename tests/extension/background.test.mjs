import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TabState, badgeFor } from '../../extension/src/background/tab-state.js';
import { registerWorkspaces } from '../../extension/src/background/watched-sites.js';
import { chromiumManifest, extensionIdFor, firefoxManifest, projectVersion, publicKeyBase64 } from '../../extension/build.mjs';
import { EXTENSION } from './dom.mjs';

test('the badge counts findings across a tab\'s frames, or shows that the scanner is unavailable', () => {
  const tabs = new TabState();
  tabs.setFrame(1, 0, 2);
  tabs.setFrame(1, 7, 3);
  tabs.setFrame(2, 0, 1);
  assert.equal(tabs.warnCount(1), 5);
  assert.deepEqual(tabs.frames(1), [0, 7]);
  tabs.dropFrame(1, 7);
  assert.equal(tabs.warnCount(1), 2);
  tabs.dropTab(1);
  assert.deepEqual(tabs.tabs(), [2]);
  assert.equal(badgeFor(5, 'available').text, '5');
  assert.equal(badgeFor(0, 'available').text, '');
  assert.equal(badgeFor(5, 'unavailable').text, '!');
  assert.equal(badgeFor(1234, 'available').text, '999+');
});

test('policy workspaces are registered as one dynamic content script', async () => {
  const calls = [];
  const scripting = {
    getRegisteredContentScripts: async () => [{ id: 'phisentry-workspaces' }],
    unregisterContentScripts: async (filter) => calls.push(['unregister', filter.ids]),
    registerContentScripts: async (scripts) => calls.push(['register', scripts]),
  };
  const matches = await registerWorkspaces(scripting, ['wiki.clinic.example', 'not a url at all ::']);
  assert.deepEqual(matches, ['https://wiki.clinic.example/*']);
  assert.equal(calls[0][0], 'unregister');
  const [script] = calls[1][1];
  assert.deepEqual(script.matches, ['https://wiki.clinic.example/*']);
  assert.equal(script.allFrames, true);
  assert.deepEqual(script.js, ['src/content/loader.js']);
});

test('build: the Chromium ID comes from the key, as Chromium derives it', () => {
  const key = publicKeyBase64(readFileSync(join(EXTENSION, '../tests/e2e/test-extension-key.pub.b64'), 'utf8'));
  const id = readFileSync(join(EXTENSION, '../tests/e2e/test-extension-id.txt'), 'utf8').trim();
  assert.equal(extensionIdFor(key), id);
  assert.match(id, /^[a-p]{32}$/);
  const pem = `-----BEGIN PUBLIC KEY-----\n${key.match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;
  assert.equal(publicKeyBase64(pem), key);
  assert.throws(() => publicKeyBase64('not a key!'));
});

test('build: per-browser manifests from one source', () => {
  const chromium = chromiumManifest('1.2.3', 'KEY');
  assert.equal(chromium.key, 'KEY');
  assert.equal(chromium.background.service_worker, 'src/background/service-worker.js');
  assert.equal(chromium.background.type, 'module');
  assert.ok(chromium.permissions.includes('nativeMessaging'));
  assert.ok(!chromium.permissions.includes('tabs'), 'no broad permissions');
  const firefox = firefoxManifest('1.2.3');
  assert.equal(firefox.browser_specific_settings.gecko.id, 'phisentry@phisentry.org');
  assert.deepEqual(firefox.background.scripts, ['src/background/service-worker.js']);
  assert.equal(firefox.key, undefined);
  for (const manifest of [chromium, firefox]) {
    assert.equal(manifest.manifest_version, 3);
    assert.doesNotMatch(manifest.content_security_policy.extension_pages, /unsafe/);
    assert.deepEqual(manifest.content_scripts[0].js, ['src/content/loader.js']);
  }
  assert.equal(projectVersion('project(phisentry VERSION 0.4.1 DESCRIPTION "x")'), '0.4.1');
});

test('every string the extension uses exists in _locales/en', () => {
  const messages = JSON.parse(readFileSync(join(EXTENSION, '_locales/en/messages.json'), 'utf8'));
  const sources = ['src/ui/banners.js', 'src/ui/dialog.js', 'src/content/main.js', 'src/common/dialog-model.js', 'src/background/tab-state.js', 'src/popup/popup.html', 'src/popup/popup.js']
    .map((file) => readFileSync(join(EXTENSION, file), 'utf8')).join('\n');
  const used = new Set([...sources.matchAll(/(?:t\(|titleKey: |data-i18n=)['"]([A-Za-z_]+)['"]/g)].map((match) => match[1]));
  assert.ok(used.size > 15);
  for (const key of used) assert.ok(messages[key], `missing string ${key}`);
  for (const category of ['name', 'geography', 'date', 'age', 'phone', 'fax', 'email', 'ssn', 'mrn', 'health_plan', 'account',
    'license', 'provider_id', 'vehicle', 'device', 'url', 'ip', 'other']) {
    assert.ok(messages[`category_${category}`], `missing category ${category}`);
  }
});

test('build: every file a generated manifest names exists in the output', async () => {
  const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const out = mkdtempSync(join(tmpdir(), 'phisentry-build-'));
  try {
    execFileSync(process.execPath, [join(EXTENSION, 'build.mjs'), '--out', out], { stdio: 'pipe' });
    for (const browser of ['chromium', 'firefox']) {
      const dir = join(out, browser);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const files = [
        ...(manifest.background.scripts ?? [manifest.background.service_worker]),
        ...manifest.content_scripts.flatMap((script) => script.js),
        manifest.action.default_popup,
        ...Object.values(manifest.icons),
        '_locales/en/messages.json',
      ];
      for (const file of files) assert.ok(existsSync(join(dir, file)), `${browser}: ${file}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
