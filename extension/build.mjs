#!/usr/bin/env node
// Writes the per-browser extensions from this one source tree (no npm dependencies):
//   <out>/chromium/  service worker, pinned ID through "key"
//   <out>/firefox/   background module script, gecko id
// Usage: node extension/build.mjs [--out DIR] [--key FILE] [--browser chromium|firefox|all]
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLOUD_MATCHES, contentScriptFor } from './src/common/content-script-spec.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const TEST_KEY = join(REPO, 'tests/e2e/test-extension-key.pub.b64');
const GECKO_ID = 'phisentry@phisentry.org';
const COPIED = ['_locales', 'src', 'icons', 'schema'];
const ICONS = Object.freeze(Object.fromEntries([16, 32, 48, 128].map((size) => [String(size), `icons/icon-${size}.png`])));

export function projectVersion(cmakeText) {
  const match = /project\(\s*phisentry\s+VERSION\s+([0-9.]+)/i.exec(cmakeText);
  if (!match) throw new Error('no "project(phisentry VERSION x.y.z)" in CMakeLists.txt');
  return match[1];
}

// The base64 DER public key from a file holding base64 DER or a PEM public key.
export function publicKeyBase64(text) {
  const body = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw new Error('the key file is not base64 or a PEM public key');
  return body;
}

// Chromium derives the ID from the key: sha256 of the DER, first 32 hex digits mapped 0-f -> a-p.
export function extensionIdFor(keyBase64) {
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export function baseManifest(version) {
  return {
    manifest_version: 3,
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    version,
    default_locale: 'en',
    permissions: ['nativeMessaging', 'storage', 'scripting'],
    host_permissions: [...CLOUD_MATCHES],
    // Data Center workspaces live on the clinic's own domains; policy names them.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    icons: ICONS,
    action: { default_title: '__MSG_extensionName__', default_popup: 'src/popup/popup.html', default_icon: ICONS },
    options_ui: { page: 'src/options/options.html', open_in_tab: true },
    content_scripts: [contentScriptFor(CLOUD_MATCHES)],
    // loader.js imports the content modules; Data Center workspaces can be any site.
    web_accessible_resources: [
      { resources: ['src/content/*', 'src/common/*', 'src/ui/*'], matches: ['<all_urls>'] },
    ],
    // Extension pages run only their own scripts, reach nothing over the network, cannot be framed by a
    // page and post no forms. (Styles stay open: the dialog's shadow roots carry their own <style>.)
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; connect-src 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    },
  };
}

export function chromiumManifest(version, keyBase64) {
  const manifest = baseManifest(version);
  manifest.key = keyBase64;
  manifest.minimum_chrome_version = '121';
  manifest.background = { service_worker: 'src/background/service-worker.js', type: 'module' };
  manifest.content_scripts[0].match_origin_as_fallback = true;
  // IT's policy arrives in chrome.storage.managed; admin consoles validate it against this schema.
  manifest.storage = { managed_schema: 'schema/managed-policy.json' };
  return manifest;
}

export function firefoxManifest(version) {
  const manifest = baseManifest(version);
  manifest.background = { scripts: ['src/background/service-worker.js'], type: 'module' };
  manifest.browser_specific_settings = { gecko: { id: GECKO_ID, strict_min_version: '128.0' } };
  return manifest;
}

function writeExtension(dir, manifest) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of COPIED) {
    try {
      cpSync(join(HERE, entry), join(dir, entry), { recursive: true });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function parseArgs(argv) {
  const options = { out: join(REPO, 'build/extension'), key: null, browser: 'all' };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options)) throw new Error(`unknown option ${argv[i]}`);
    options[name] = argv[(i += 1)];
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const version = projectVersion(readFileSync(join(REPO, 'CMakeLists.txt'), 'utf8'));
  const keyFile = options.key ?? process.env.PHISENTRY_EXTENSION_KEY ?? TEST_KEY;
  if (keyFile === TEST_KEY) console.warn('build.mjs: using the TEST key from tests/e2e (pass --key for a real deployment)');
  const out = resolve(options.out);
  if (options.browser !== 'firefox') {
    const key = publicKeyBase64(readFileSync(keyFile, 'utf8'));
    writeExtension(join(out, 'chromium'), chromiumManifest(version, key));
    writeFileSync(join(out, 'chromium.id'), `${extensionIdFor(key)}\n`);
    console.log(`chromium: ${join(out, 'chromium')} (ID ${extensionIdFor(key)})`);
  }
  if (options.browser !== 'chromium') {
    writeExtension(join(out, 'firefox'), firefoxManifest(version));
    console.log(`firefox:  ${join(out, 'firefox')} (ID ${GECKO_ID})`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
