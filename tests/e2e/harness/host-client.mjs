// Talks to the phisentry host directly over native-messaging framing, so tests can compare what
// the page shows with what the host itself reports for the same text.
import { spawn } from 'node:child_process';

export async function scanWithHost(hostPath, text) {
  const message = await requestHost(hostPath, { type: 'scan', id: 1, text });
  if (message.type !== 'result') throw new Error(`host answered ${JSON.stringify(message)}`);
  return message.findings.map((finding) => ({ ...finding, text: text.slice(finding.start, finding.end) }));
}

// What the host says it can do (hello's capabilities).
export async function hostCapabilities(hostPath) {
  const message = await requestHost(hostPath, { type: 'hello', id: 1 });
  return message.capabilities ?? [];
}

// One request to a fresh `phisentry native`, and its one reply.
async function requestHost(hostPath, request) {
  const host = spawn(hostPath, ['native'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const reply = readOneFrame(host.stdout);
  const body = Buffer.from(JSON.stringify(request));
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  host.stdin.end(Buffer.concat([header, body]));
  return reply;
}

function readOneFrame(stream) {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    stream.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 4) return;
      const length = buffer.readUInt32LE(0);
      if (buffer.length >= 4 + length) resolve(JSON.parse(buffer.subarray(4, 4 + length).toString('utf8')));
    });
    stream.on('end', () => reject(new Error('the host closed its output without a reply')));
  });
}

// Highlight texts by highlight name, as readHighlights() returns them from a page.
export function expectedHighlights(findings) {
  const byName = { 'phisentry-low': [], 'phisentry-medium': [], 'phisentry-high': [] };
  for (const finding of findings) byName[`phisentry-${finding.confidence}`].push(finding.text);
  return byName;
}
