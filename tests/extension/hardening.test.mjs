// The extension's hardening (issue 9): who may message the worker, a strict content security policy,
// and no eval or remote code anywhere in the shipped sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptMessage, senderRole } from '../../extension/src/background/sender-check.js';
import { chromiumManifest, firefoxManifest } from '../../extension/build.mjs';
import { MSG } from '../../extension/src/common/messages.js';
import { EXTENSION } from './dom.mjs';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const runtime = { id: ID, getURL: (path) => `chrome-extension://${ID}/${path}` };
const contentScript = { id: ID, url: 'https://clinic.atlassian.net/wiki/spaces/OPS/pages/1', tab: { id: 7 }, frameId: 0 };
const popup = { id: ID, url: `chrome-extension://${ID}/src/popup/popup.html` };

test('only this extension\'s pages and content scripts are senders; anything else has no role', () => {
  assert.equal(senderRole(contentScript, runtime), 'content');
  assert.equal(senderRole(popup, runtime), 'page');
  assert.equal(senderRole({ ...contentScript, id: 'another-extension' }, runtime), null);
  assert.equal(senderRole({ id: ID, url: 'https://evil.example/' }, runtime), null); // no tab, not ours
  assert.equal(senderRole({ id: ID, url: `chrome-extension://${ID}x/`, tab: { id: -1 } }, runtime), null);
  assert.equal(senderRole(undefined, runtime), null);
});

test('tab-scoped messages need a content script, popup questions need an extension page', () => {
  for (const type of [MSG.FRAME_STATE, MSG.GATE_FORWARD, MSG.TAB_FLUSH, MSG.REPLACE_ALL]) {
    assert.equal(acceptMessage({ type }, contentScript, runtime), true, type);
    assert.equal(acceptMessage({ type }, popup, runtime), false, type);
  }
  for (const type of [MSG.STATUS, MSG.TAB_SUMMARY]) {
    assert.equal(acceptMessage({ type, tabId: 7 }, popup, runtime), true, type);
    assert.equal(acceptMessage({ type, tabId: 7 }, contentScript, runtime), false, type); // a page cannot read other tabs
  }
});

test('a scan carries text as a string and nothing else; malformed messages are refused', () => {
  assert.equal(acceptMessage({ type: MSG.SCAN, text: 'SSN 512-44-6789', url: 'https://x.example/' }, contentScript, runtime), true);
  assert.equal(acceptMessage({ type: MSG.SCAN, text: { toString: 'x' } }, contentScript, runtime), false);
  assert.equal(acceptMessage({ type: MSG.SCAN, text: 'a', url: 42 }, contentScript, runtime), false);
  assert.equal(acceptMessage({ type: MSG.SCAN }, popup, runtime), false);
  assert.equal(acceptMessage(null, popup, runtime), false);
  assert.equal(acceptMessage({ type: 7 }, popup, runtime), false);
});

test('the content security policy allows only the extension\'s own scripts, no remote or inline code', () => {
  for (const manifest of [chromiumManifest('0.1.0', 'a2V5'), firefoxManifest('0.1.0')]) {
    const policy = manifest.content_security_policy.extension_pages;
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['script-src'], ["'self'"]);
    assert.deepEqual(directives['object-src'], ["'none'"]);
    assert.deepEqual(directives['connect-src'], ["'none'"]);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
    assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
    assert.deepEqual(directives['form-action'], ["'none'"]);
    assert.ok(!policy.includes('unsafe-eval') && !policy.includes('http'), policy);
    assert.equal(manifest.externally_connectable, undefined); // no web page can message the worker
  }
});

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.(m?js|html)$/.test(entry.name) ? [join(dir, entry.name)] : []);
}

test('no eval, no Function constructor, no string timers, no remote scripts or imports in the shipped sources', () => {
  const files = sourceFiles(join(EXTENSION, 'src'));
  assert.ok(files.length > 20);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/, file);
    assert.doesNotMatch(text, /set(Timeout|Interval)\s*\(\s*['"`]/, file);
    assert.doesNotMatch(text, /<script[^>]+src=["']?https?:/i, file);
    assert.doesNotMatch(text, /\bimport\s*(\(\s*)?['"`]https?:/, file);
    assert.doesNotMatch(text, /\bfetch\s*\(\s*['"`]https?:/, file); // page text goes only to the local host
  }
});
