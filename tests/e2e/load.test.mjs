// Load (issue 9): many tabs typing at once through one host. A tap between Chromium and the host
// records each frame's id and time in both directions (never the text), so the test can prove that
// every request was answered once, in the order it arrived, and report the latency. Then the host is
// killed in the middle of a burst: the extension must reconnect and re-scan what was pending.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// its direction, id, type, size and time (never the text). Written as a script because the browser starts hosts by path.
// While the file PHISENTRY_TAP_STALL exists, the result of the first scan whose text holds the
// file's content is held back for STALL_MS, longer than the extension's scan timeout, and the file
// removed: a scan that times out while the host answers everything else, so no reconnect or
// status change follows and nothing but the extension's own retry scans that text again.
const STALL_MS = 6000;
const TAP_SOURCE = `#!/usr/bin/env node
const { spawn } = require('node:child_process');
const { appendFileSync, existsSync, readFileSync, rmSync } = require('node:fs');
const log = process.env.PHISENTRY_TAP_LOG;
const stallFile = process.env.PHISENTRY_TAP_STALL;
let stalledId = null;
const host = spawn(process.env.PHISENTRY_TAP_HOST, ['native', '--log-level', 'warn'], { stdio: ['pipe', 'pipe', 'inherit'] });
appendFileSync(log, JSON.stringify({ event: 'start', pid: host.pid, t: Date.now() }) + '\\n');
function frames(from, onFrame) {
  let pending = Buffer.alloc(0);
  from.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
      const size = pending.readUInt32LE(0);
      onFrame(pending.subarray(0, 4 + size), size);
      pending = pending.subarray(4 + size);
    }
  });
}
function parse(frame) {
  try { return JSON.parse(frame.subarray(4).toString('utf8')); } catch { return { id: 'unparsable' }; }
}
function record(direction, message, size) {
  appendFileSync(log, JSON.stringify({ direction, id: message.id ?? null, type: message.type, size, t: Date.now() }) + '\\n');
}
frames(process.stdin, (frame, size) => {
  const message = parse(frame);
  record('request', message, size);
  const armed = message.type === 'scan' && stalledId === null && stallFile && existsSync(stallFile);
  if (armed && String(message.text).includes(readFileSync(stallFile, 'utf8'))) {
    rmSync(stallFile);
    stalledId = message.id;
    appendFileSync(log, JSON.stringify({ event: 'stall', id: message.id, t: Date.now() }) + '\\n');
  }
  host.stdin.write(frame);
});
frames(host.stdout, (frame, size) => {
  const message = parse(frame);
  record('reply', message, size);
  if (message.id === stalledId) setTimeout(() => process.stdout.write(frame), ${STALL_MS});
  else process.stdout.write(frame);
});
process.stdin.on('end', () => host.stdin.end());
host.on('exit', (code) => process.exit(code ?? 1));
`;

// Types at the end of the editor without a mouse click: a click waits for the page to render, and
// background tabs do not render; keystrokes reach them all the same.
// `typing` 'keys' types key by key; 'insert' puts the text in with one edit (as a paste or an IME
// commit does), so no scan can see part of it.
async function typeAtEnd(page, text, typing = 'keys') {
  await page.evaluate(() => {
    const editor = document.querySelector('.ProseMirror');
    editor.focus();
    const range = document.createRange();
    range.selectNodeContents(editor.querySelector('p:last-child'));
    range.collapse(false);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  if (typing === 'insert') await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

function readTap(file) {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

// Per host process (between 'start' events): every request answered exactly once and in order.
function checkAnsweredInOrder(events, { lastComplete = true } = {}) {
  const runs = [];
  for (const event of events) {
    if (event.event === 'start') runs.push({ requests: [], replies: [] });
    else if (event.direction) runs.at(-1)[event.direction === 'request' ? 'requests' : 'replies'].push(event);
  }
  const latencies = [];
  for (const [index, run] of runs.entries()) {
    const answered = run.replies.map((reply) => reply.id);
    const asked = run.requests.map((request) => request.id).slice(0, answered.length);
    assert.deepEqual(answered, asked, `host ${index}: replies in the order of the requests`);
    const last = index === runs.length - 1;
    if (last && lastComplete) assert.equal(run.replies.length, run.requests.length, 'the serving host answered every request');
    run.replies.forEach((reply, i) => latencies.push(reply.t - run.requests[i].t));
  }
  return { runs, latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

describe(`load: ${TABS} tabs through one host`, { skip: skipReason, timeout: 900_000 }, () => {
  let session;
  let scratch;
  let tapLog;
  let stallFile;
  const tabs = [];
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'phisentry-load-'));
    tapLog = join(scratch, 'tap.jsonl');
    const tapPath = join(scratch, 'phisentry-tap');
    writeFileSync(tapPath, TAP_SOURCE);
    chmodSync(tapPath, 0o755);
    stallFile = join(scratch, 'stall-scan');
    session = await startSession({
      hostPath: tapPath,
      env: { PHISENTRY_TAP_LOG: tapLog, PHISENTRY_TAP_HOST: HOST_PATH, PHISENTRY_TAP_STALL: stallFile },
    });
    for (let i = 0; i < TABS; i += 1) tabs.push(await session.open(PAGE)); // one at a time: loads stay quick
  });
  after(async () => {
    await session?.close();
    if (tapLog && existsSync(tapLog)) copyFileSync(tapLog, artifactPath('load-tap.jsonl')); // ids, sizes, times: no text
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

  // Scans that were pending when the host died, or that time out against the restarted host (the
  // tap makes sure one does), are retried by each editor (bounded, with growing pauses): every tab
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
    const rehighlightedMs = Date.now() - killedAt;
    // Requests still on their way (a late retry, the badge's status) get a moment to be answered.
    let events = readTap(tapLog);
    await waitFor(() => {
      events = readTap(tapLog);
      const last = checkAnsweredInOrder(events, { lastComplete: false }).runs.at(-1);
      return last.requests.length === last.replies.length;
    }, { timeout: 10_000, message: 'the serving host to answer what it was sent' }).catch(() => {});
    const { runs } = checkAnsweredInOrder(events);
    assert.ok(runs.length >= 2, 'a new host was started after the kill');
    const killed = runs[0];
    const figures = {
      unanswered_at_kill: killed.requests.length - killed.replies.length,
      hosts: runs.length,
      requests_after_restart: runs.slice(1).reduce((sum, run) => sum + run.requests.length, 0),
      all_rehighlighted_ms: rehighlightedMs,
    };
    console.log(`restart figures: ${JSON.stringify(figures)}`);
    writeFileSync(artifactPath('load-restart-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  // The restarted host answers everything but one scan, whose result comes after the timeout: no
  // disconnect, no status change. The editor must scan again by itself (it used to wait for the
  // next keystroke, showing "scanner unavailable").
  test('a scan that times out against the restarted host is retried without the user typing', { timeout: 120_000 }, async () => {
    const { page } = tabs[0];
    const third = ssnFor(0, 2);
    const hostsBefore = readTap(tapLog).filter((e) => e.event === 'start').length;
    writeFileSync(stallFile, `${third}.`);
    await typeAtEnd(page, ` Third SSN ${third}.`, 'insert');  // one edit: the held-back scan is the only one
    await waitForHighlights(page, { 'phisentry-high': [ssnFor(0, 0), ssnFor(0, 1), third] }, 30_000);
    const events = readTap(tapLog);
    assert.ok(events.some((e) => e.event === 'stall'), 'the tap held back a scan result past the timeout');
    assert.equal(events.filter((e) => e.event === 'start').length, hostsBefore, 'no reconnect: the editor retried by itself');
  });
});
