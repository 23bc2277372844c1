// The fixture web server: HTTPS on 127.0.0.1 (atlassian.net is HSTS-preloaded, so Chromium
// insists on HTTPS), a throw-away self-signed certificate, the fixture pages, the editor
// libraries from node_modules, and a /api/save endpoint that records what pages saved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { FIXTURES_DIR, NODE_MODULES_DIR } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff': 'font/woff',
};
const ROOTS = { '/fixtures/': FIXTURES_DIR, '/node_modules/': NODE_MODULES_DIR };

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'phisentry-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=clinic.atlassian.net',
      '-addext', 'subjectAltName=DNS:*.atlassian.net,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fileFor(pathname) {
  for (const [prefix, root] of Object.entries(ROOTS)) {
    const at = pathname.indexOf(prefix);
    if (at < 0) continue;
    const file = normalize(join(root, decodeURIComponent(pathname.slice(at + prefix.length))));
    if (!file.startsWith(root + sep)) return null;
    try {
      return statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }
  return null;
}

export async function startFixtureServer({ pages = {} } = {}) {
  const saves = [];
  const server = createServer(selfSignedCertificate(), (request, response) => {
    const { pathname } = new URL(request.url, 'https://localhost');
    if (pathname === '/api/save' && request.method === 'POST') return recordSave(request, response, saves);
    const generated = pages[pathname];
    if (generated) return send(response, 200, TYPES['.html'], generated());
    const file = fileFor(pathname);
    if (!file) return send(response, 404, 'text/plain', 'not found');
    if (extname(file) === '.html') return send(response, 200, TYPES['.html'], withImportMap(readFileSync(file, 'utf8')));
    return send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    saves,
    url: (host, path) => `https://${host}:${port}${path}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// Import maps must be inline; fixture pages say <!-- importmap --> where it goes.
function withImportMap(html) {
  const map = readFileSync(join(FIXTURES_DIR, 'importmap.json'), 'utf8');
  return html.replace('<!-- importmap -->', `<script type="importmap">${map}</script>`);
}

function recordSave(request, response, saves) {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    saves.push(JSON.parse(body));
    send(response, 200, 'application/json', '{"ok":true}');
  });
}

function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
