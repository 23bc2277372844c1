// Shared by the installer tests: where the build is, running commands, scratch folders, snapshots.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
export const BUILD_DIR = process.env.PHISENTRY_BUILD_DIR ?? join(REPO, 'build');
export const BUILT_HOST = process.env.PHISENTRY_HOST ?? join(BUILD_DIR, 'bin/phisentry');
export const INSTALL_SH = join(REPO, 'installer/install.sh');
export const HOST_NAME = 'org.phisentry.host';
export const TEST_CHROMIUM_ID = readFileSync(join(REPO, 'tests/e2e/test-extension-id.txt'), 'utf8').trim();
export const FIREFOX_ID = 'phisentry@phisentry.org';

// A scratch folder removed when the test ends.
export function scratch(t, name = 'phisentry-installer-') {
  const dir = mkdtempSync(join(tmpdir(), name));
  // A browser the test started may still be writing into it while hooks run: retry, and never let a
  // leftover folder fail the test or stop the later hooks (which close that browser).
  t.after(() => {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {}
  });
  return dir;
}

// Runs a command to completion; never throws for a non-zero status.
export function run(command, args, { env = {}, cwd, input } = {}) {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, cwd, input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// An environment with HOME (and nothing from the real user's XDG folders) pointing into `home`.
export function homeEnv(home, extra = {}) {
  return { HOME: home, XDG_CONFIG_HOME: '', XDG_STATE_HOME: '', PHISENTRY_RULES: '', PHISENTRY_POLICY: '',
    PHISENTRY_AUDIT_FILE: '', ...extra };
}

export function installUser(home, prefix, args = [], env = {}) {
  return run('bash', [INSTALL_SH, '--user', '--from', BUILD_DIR, '--prefix', prefix, ...args], { env: homeEnv(home, env) });
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// path -> content hash, mode and mtime of every file and folder under `root`.
export function snapshot(root) {
  const entries = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const info = lstatSync(path);
      const hash = info.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : info.isDirectory() ? 'dir' : 'link';
      entries[path.slice(root.length)] = `${hash} ${info.mode.toString(8)} ${info.mtimeMs}`;
      if (info.isDirectory()) walk(path);
    }
  };
  walk(root);
  return entries;
}

export function filesUnder(root) {
  return Object.entries(snapshot(root)).filter(([, value]) => !value.startsWith('dir')).map(([path]) => path);
}

function frame(message) {
  const body = Buffer.from(JSON.stringify(message));
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  return Buffer.concat([header, body]);
}

// Starts `host` with `args` as a browser would, sends one ping, and reports the reply (or none),
// the exit status and stderr.
export function pingAsBrowser(host, args, env = {}, { cwd } = {}) {
  return new Promise((resolvePing, reject) => {
    const child = spawn(host, args, { env: { ...process.env, ...env }, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = Buffer.alloc(0);
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout = Buffer.concat([stdout, chunk]); });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => {
      const reply = stdout.length >= 4 ? JSON.parse(stdout.subarray(4, 4 + stdout.readUInt32LE(0)).toString('utf8')) : null;
      resolvePing({ status, reply, stderr });
    });
    child.stdin.on('error', () => {}); // a refusing host may exit before reading
    child.stdin.end(frame({ type: 'ping', id: 'installer-test' }));
  });
}
