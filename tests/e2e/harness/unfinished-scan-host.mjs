#!/usr/bin/env node
// A native-messaging host for tests: relays every message to the real host (PHISENTRY_REAL_HOST)
// and marks each scan result "incomplete", as the host does when it stops at its hit limit.
// Forcing the real host there takes tens of MiB of dense identifiers; this keeps the test fast.
// The real host serves only callers a manifest pointing at it allows, so it looks for one under
// PHISENTRY_REAL_HOST_CONFIG (its XDG_CONFIG_HOME): the browser's manifest points at this relay.
import { spawn } from 'node:child_process';

const host = spawn(process.env.PHISENTRY_REAL_HOST, process.argv.slice(2), {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, XDG_CONFIG_HOME: process.env.PHISENTRY_REAL_HOST_CONFIG },
});
process.stdin.pipe(host.stdin);
host.on('exit', (code) => process.exit(code ?? 1));

let pending = Buffer.alloc(0);
host.stdout.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
    const size = pending.readUInt32LE(0);
    process.stdout.write(frame(markIncomplete(pending.subarray(4, 4 + size))));
    pending = pending.subarray(4 + size);
  }
});

function markIncomplete(body) {
  const message = JSON.parse(body.toString('utf8'));
  if (message.type === 'result') message.incomplete = true;
  return Buffer.from(JSON.stringify(message), 'utf8');
}

function frame(body) {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}
