// Load (issue 9): many tabs typing at once through one host. A tap between Chromium and the host
// records each frame's id and time in both directions (never the text), so the test can prove that
// every request was answered once, in the order it arrived, and report the latency. Then the host is
// killed in the middle of a burst: the extension must reconnect and re-scan what was pending.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath, skipReason, waitFor } from './harness/browser.mjs';
import { HOST_PATH } from './harness/paths.mjs';
import { startSession, waitForHighlights } from './harness/session.mjs';

const TABS = Number(process.env.PHISENTRY_LOAD_TABS ?? 50);
const PAGE = '/wiki/spaces/OPS/pages/edit-v2/3/fixtures/cloud-editor.html';

// Synthetic SSNs that pass the SSA checks by construction: area 101-199, group 20-89, serial 2001+.
const ssnFor = (tab, round) =>
  `${101 + ((tab * 7 + round) % 99)}-${20 + ((tab + round * 13) % 70)}-${String(2001 + tab * 3 + round).padStart(4, '0')}`;

// The tap: a native-messaging host that runs the real one (`phisentry native`) and logs, per frame,
// its direction, id, size and time. Written as a script because the browser starts hosts by path.
const TAP_SOURCE = `#!/usr/bin/env node
const { spawn } = require('node:child_process');
const { appendFileSync } = require('node:fs');
const log = process.env.PHISENTRY_TAP_LOG;
const host = spawn(process.env.PHISENTRY_TAP_HOST, ['native', '--log-level', 'warn'], { stdio: ['pipe', 'pipe', 'inherit'] });
appendFileSync(log, JSON.stringify({ event: 'start', pid: host.pid, t: Date.now() }) + '\\n');
function tap(from, to, direction) {
  let pending = Buffer.alloc(0);
  from.on('data', (chunk) => {
    to.write(chunk);
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
      const size = pending.readUInt32LE(0);
      let id = null;
      try { id = JSON.parse(pending.subarray(4, 4 + size).toString('utf8')).id ?? null; } catch { id = 'unparsable'; }
      appendFileSync(log, JSON.stringify({ direction, id, size, t: Date.now() }) + '\\n');
      pending = pending.subarray(4 + size);
    }
  });
}
tap(process.stdin, host.stdin, 'request');
tap(host.stdout, process.stdout, 'reply');
process.stdin.on('end', () => host.stdin.end());
host.on('exit', (code) => process.exit(code ?? 1));
`;

// Types at the end of the editor without a mouse click: a click waits for the page to render, and
// background tabs do not render; keystrokes reach them all the same.
async function typeAtEnd(page, text) {
  await page.evaluate(() => {
    const editor = document.querySelector('.ProseMirror');
    editor.focus();
    const range = document.createRange();
    range.selectNodeContents(editor.querySelector('p:last-child'));
    range.collapse(false);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.type(text);
}

function readTap(file) {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

// Per host process (between 'start' events): every request answered exactly once and in order.
function checkAnsweredInOrder(events) {
  const runs = [];
  for (const event of events) {
    if (event.event === 'start') runs.push({ requests: [], replies: [] });
    else runs.at(-1)[event.direction === 'request' ? 'requests' : 'replies'].push(event);
  }
  const latencies = [];
  for (const [index, run] of runs.entries()) {
    const answered = run.replies.map((reply) => reply.id);
    const asked = run.requests.map((request) => request.id).slice(0, answered.length);
    assert.deepEqual(answered, asked, `host ${index}: replies in the order of the requests`);
    const last = index === runs.length - 1;
    if (last) assert.equal(run.replies.length, run.requests.length, 'the serving host answered every request');
    run.replies.forEach((reply, i) => latencies.push(reply.t - run.requests[i].t));
  }
  return { runs, latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

describe(`load: ${TABS} tabs through one host`, { skip: skipReason, timeout: 900_000 }, () => {
  let session;
  let scratch;
  let tapLog;
  const tabs = [];
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-load-'));
    tapLog = join(scratch, 'tap.jsonl');
    const tapPath = join(scratch, 'phisentry-tap');
    writeFileSync(tapPath, TAP_SOURCE);
    chmodSync(tapPath, 0o755);
    session = await startSession({ hostPath: tapPath, env: { PHISENTRY_TAP_LOG: tapLog, PHISENTRY_TAP_HOST: HOST_PATH } });
    for (let i = 0; i < TABS; i += 1) tabs.push(await session.open(PAGE)); // one at a time: loads stay quick
  });
  after(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('every tab types at once: each sees exactly its own finding; every request answered once, in order', { timeout: 300_000 }, async () => {
    const started = Date.now();
    await Promise.all(tabs.map(({ page }, i) => typeAtEnd(page, ` Patient SSN ${ssnFor(i, 0)}.`)));
    await Promise.all(tabs.map(({ page }, i) => waitForHighlights(page, { 'phisentry-high': [ssnFor(i, 0)] }, 120_000)));
    const elapsed = Date.now() - started;
    const events = readTap(tapLog);
    const { runs, latencies } = checkAnsweredInOrder(events);
    assert.equal(runs.length, 1, 'one host served every tab');
    const scans = events.filter((e) => e.direction === 'request').length;
    assert.ok(scans >= TABS, `at least one request per tab (${scans})`);
    const figures = {
      tabs: TABS, requests: scans, all_highlighted_ms: elapsed,
      latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) },
    };
    console.log(`load figures: ${JSON.stringify(figures)}`);
    writeFileSync(artifactPath('load-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  // Scans that were pending when the host died, or that time out against the restarted host while
  // 50 tabs rescan at once, are retried by each editor (bounded, with growing pauses): every tab
  // must end with both of its findings highlighted, without anyone typing again.
  test('the host restarted mid-burst — the extension reconnects and re-scans what was pending', { timeout: 300_000 }, async () => {
    const before = readTap(tapLog);
    const hostPid = before.find((e) => e.event === 'start').pid;
    const requestsBefore = before.filter((e) => e.direction === 'request').length;
    const typing = Promise.all(tabs.map(({ page }, i) => typeAtEnd(page, ` Second SSN ${ssnFor(i, 1)}.`)));
    await waitFor(() => readTap(tapLog).filter((e) => e.direction === 'request').length > requestsBefore + TABS / 5, {
      timeout: 60_000, message: 'the burst to be under way',
    });
    process.kill(hostPid, 'SIGKILL'); // the tap exits with it, as a crashed host would
    const killedAt = Date.now();
    await typing;
    await Promise.all(tabs.map(({ page }, i) =>
      waitForHighlights(page, { 'phisentry-high': [ssnFor(i, 0), ssnFor(i, 1)] }, 120_000)));
    const { runs } = checkAnsweredInOrder(readTap(tapLog));
    assert.ok(runs.length >= 2, 'a new host was started after the kill');
    const killed = runs[0];
    const figures = {
      unanswered_at_kill: killed.requests.length - killed.replies.length,
      hosts: runs.length,
      requests_after_restart: runs.slice(1).reduce((sum, run) => sum + run.requests.length, 0),
      all_rehighlighted_ms: Date.now() - killedAt,
    };
    console.log(`restart figures: ${JSON.stringify(figures)}`);
    writeFileSync(artifactPath('load-restart-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });
});
