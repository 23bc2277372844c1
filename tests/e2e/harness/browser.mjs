// Launches Debian's Chromium with the built extension and the real host registered in a
// throw-away profile. Outside CI a missing browser or host skips the tests (with the reason);
// in CI (CI set) they run and fail loudly.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, HOST_PATH, NODE_MODULES_DIR, REPO, TEST_KEY_FILE, ARTIFACTS_DIR } from './paths.mjs';
import { writeNativeHostManifest } from './native-host-manifest.mjs';

export function missingRequirement() {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (!existsSync(HOST_PATH)) return `no phisentry host at ${HOST_PATH} (build it, or set PHISENTRY_HOST)`;
  if (!existsSync(join(NODE_MODULES_DIR, 'playwright-core'))) return 'playwright-core is not installed (npm ci in tests/e2e)';
  return null;
}

// For node:test's { skip }: a reason outside CI, false in CI so the test runs and fails.
export const skipReason = (() => {
  const missing = missingRequirement();
  if (!missing) return false;
  if (process.env.CI) return false;
  return `skipped: ${missing} (set CI=1 to make this a failure)`;
})();

export function buildExtension(outDir) {
  execFileSync(process.execPath, [join(REPO, 'extension/build.mjs'), '--out', outDir, '--key', TEST_KEY_FILE, '--browser', 'chromium'], {
    stdio: 'pipe',
  });
  return { dir: join(outDir, 'chromium'), id: readFileSync(join(outDir, 'chromium.id'), 'utf8').trim() };
}

// env: extra variables for the browser, and so for the host it starts (e.g. PHISENTRY_POLICY).
// withExtension false: the same browser and flags without PHI Sentry (a benchmark's baseline).
export async function launchBrowser({ hostPath = HOST_PATH, env, withExtension = true } = {}) {
  const missing = missingRequirement();
  if (missing) throw new Error(`end-to-end requirement missing: ${missing}`);
  const { chromium } = await import('playwright-core');
  const scratch = mkdtempSync(join(tmpdir(), 'phisentry-e2e-'));
  const extension = buildExtension(join(scratch, 'extension'));
  const userDataDir = join(scratch, 'profile');
  mkdirSync(userDataDir);
  const realHost = realpathSync(hostPath);
  writeNativeHostManifest(userDataDir, realHost, extension.id);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1200, height: 800 },
    ...(env ? { env: { ...process.env, ...env } } : {}),
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args: [
      ...(withExtension ? [`--disable-extensions-except=${extension.dir}`, `--load-extension=${extension.dir}`] : []),
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Real Atlassian Cloud host names, served by the local fixture server.
      '--host-resolver-rules=MAP *.atlassian.net 127.0.0.1',
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker && withExtension) worker = await context.waitForEvent('serviceworker');
  return {
    context,
    worker,
    extensionId: extension.id,
    userDataDir,
    hostPath: realHost,
    hostPids: () => hostPidsOf(userDataDir, realHost),
    close: async () => {
      await context.close().catch(() => {});
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

// The host processes started by this browser (and no other), found through /proc.
export function hostPidsOf(userDataDir, hostPath) {
  const processes = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))[1]);
      processes.set(Number(name), { cmdline, ppid });
    } catch {
      // the process ended while we looked
    }
  }
  const isOurBrowser = (pid) => processes.get(pid)?.cmdline.some((arg) => arg === `--user-data-dir=${userDataDir}`);
  const descendsFromOurBrowser = (pid) => {
    for (let current = processes.get(pid)?.ppid; current > 1; current = processes.get(current)?.ppid) {
      if (isOurBrowser(current)) return true;
    }
    return false;
  };
  return [...processes]
    .filter(([pid, info]) => info.cmdline[0] === hostPath && descendsFromOurBrowser(pid))
    .map(([pid]) => pid);
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

export async function waitFor(check, { timeout = 5000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${JSON.stringify(last)})`);
}
