// Launches Debian's Firefox ESR with puppeteer-core over WebDriver BiDi, the add-on installed as a
// temporary add-on (BiDi webExtension.install: unsigned is fine for temporary add-ons, no
// xpinstall.signatures.required change needed) and the real host registered where Firefox looks
// for it: $HOME/.mozilla/native-messaging-hosts/org.phisentry.host.json with allowed_extensions.
// HOME points at a scratch folder, so nothing of the user's is read or written.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_PATH, NATIVE_HOST_NAME, REPO } from '../../e2e/harness/paths.mjs';
import { FirefoxUi } from './ui.mjs';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIREFOX_PATH = process.env.PHISENTRY_FIREFOX ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'phisentry@phisentry.org';
// Host names the fixture server answers for; Firefox resolves them to this machine.
export const FIXTURE_HOSTS = ['clinic.atlassian.net', 'covered.atlassian.net'];

export function missingRequirement() {
  if (!existsSync(FIREFOX_PATH)) return `no Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr)`;
  if (!existsSync(HOST_PATH)) return `no phisentry host at ${HOST_PATH} (build it, or set PHISENTRY_HOST)`;
  if (!existsSync(join(HERE, 'node_modules/puppeteer-core'))) return 'puppeteer-core is not installed (npm ci in tests/e2e-firefox)';
  if (!existsSync(join(REPO, 'tests/e2e/node_modules/prosemirror-view'))) return 'the fixture editors are not installed (npm ci in tests/e2e)';
  return null;
}

// For node:test's { skip }: a reason outside CI, false in CI so the tests run and fail loudly.
export const skipReason = (() => {
  const missing = missingRequirement();
  if (!missing || process.env.CI) return false;
  return `skipped: ${missing} (set CI=1 to make this a failure)`;
})();

export function firefoxHostManifest(hostPath) {
  if (!isAbsolute(hostPath)) throw new Error(`the host path must be absolute: ${hostPath}`);
  return { name: NATIVE_HOST_NAME, description: 'PHI Sentry local scanner', path: hostPath, type: 'stdio', allowed_extensions: [GECKO_ID] };
}

const hostManifestPath = (home) => join(home, '.mozilla/native-messaging-hosts', `${NATIVE_HOST_NAME}.json`);

function registerHost(home, hostPath) {
  mkdirSync(dirname(hostManifestPath(home)), { recursive: true });
  writeFileSync(hostManifestPath(home), `${JSON.stringify(firefoxHostManifest(hostPath), null, 2)}\n`);
}

// The host processes this Firefox started: Firefox passes the manifest's path as the first argument,
// and the manifest lives in this run's scratch HOME, so no other browser's host matches.
function hostPidsOf(home) {
  const manifest = hostManifestPath(home);
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[1] === manifest;
    } catch {
      return false; // the process ended while we looked
    }
  }).map(Number);
}

function buildAddon(outDir) {
  execFileSync(process.execPath, [join(REPO, 'extension/build.mjs'), '--out', outDir, '--browser', 'firefox'], { stdio: 'pipe' });
  return join(outDir, 'firefox');
}

// IT's managed policy as Firefox reads it for chrome.storage.managed: a "storage" manifest named
// for the add-on in ~/.mozilla/managed-storage/ (the user-level place; policies.json is the other).
function writeManagedPolicy(home, policy) {
  const dir = join(home, '.mozilla/managed-storage');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: GECKO_ID, description: 'PHI Sentry managed policy (test)', type: 'storage', data: policy };
  writeFileSync(join(dir, `${GECKO_ID}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
}

// managedPolicy: values for chrome.storage.managed (see extension/schema/managed-policy.json).
export async function launchFirefox({ hostPath = HOST_PATH, env = {}, managedPolicy = null } = {}) {
  const missing = missingRequirement();
  if (missing) throw new Error(`end-to-end requirement missing: ${missing}`);
  const { default: puppeteer } = await import('puppeteer-core');
  const scratch = mkdtempSync(join(tmpdir(), 'phisentry-firefox-'));
  const home = join(scratch, 'home');
  mkdirSync(home);
  const realHost = realpathSync(hostPath);
  registerHost(home, realHost);
  if (managedPolicy) writeManagedPolicy(home, managedPolicy);
  const addonDir = buildAddon(join(scratch, 'extension'));
  // A fixed internal UUID, so extension pages have a known moz-extension:// origin.
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true, // the fixture server's throw-away certificate
    defaultViewport: { width: 1200, height: 800 },
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access allowed.
    args: ['--remote-allow-system-access'],
    // The host caches compiled rules under XDG_CACHE_HOME: share the Chromium run's cache rather
    // than compile the pack again in every scratch HOME.
    env: { XDG_CACHE_HOME: join(homedir(), '.cache'), ...process.env, ...env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: {
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  try {
    const id = await browser.installExtension(addonDir);
    if (id !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    home,
    baseUrl: `moz-extension://${uuid}/`,
    hostPids: () => hostPidsOf(home),
    unregisterHost: () => rmSync(hostManifestPath(home), { force: true }),
    registerHost: (path = realHost) => registerHost(home, path), // another path: e.g. a host that exits at once
    // A fixture page, ready, with a driver for PHI Sentry's UI in it.
    async open(server, path, host = FIXTURE_HOSTS[0]) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`page error on ${path}: ${error.message}`));
      await page.goto(server.url(host, path));
      await page.waitForFunction(() => window.fixture?.ready === true);
      return { page, ui: new FirefoxUi(page, browser.connection) };
    },
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
