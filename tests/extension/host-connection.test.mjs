import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostConnection } from '../../extension/src/background/host-connection.js';
import { FakePort, FakeTimers, flush } from './fakes.mjs';

const hello = () => ({ type: 'hello', client: { name: 'test' } });

// A host that answers hello and echoes scans as results carrying the text's length.
function echoHost(message) {
  if (message.type === 'hello') return { type: 'hello', id: message.id, protocol: 1 };
  if (message.type === 'scan') return { type: 'result', id: message.id, findings: [], counts: {}, length: message.text.length };
  return undefined;
}

function setup(respond = echoHost) {
  const timers = new FakeTimers();
  const ports = [];
  const connection = new HostConnection({
    connect: () => {
      const port = new FakePort(respond);
      ports.push(port);
      return port;
    },
    helloRequest: hello,
    timers,
    now: () => timers.now,
  });
  const statuses = [];
  connection.onStatusChange((status) => statuses.push(status));
  return { timers, ports, connection, statuses };
}

test('one port serves many requests; replies are matched by id, not by order of sending', async () => {
  const pending = [];
  const { connection, ports } = setup((message) => {
    if (message.type === 'hello') return { type: 'hello', id: message.id };
    pending.push(message);
    return undefined;
  });
  const first = connection.request({ type: 'scan', text: 'a' }, 1000);
  const second = connection.request({ type: 'scan', text: 'bb' }, 1000);
  assert.equal(ports.length, 1);
  const [a, b] = pending;
  assert.notEqual(a.id, b.id);
  ports[0].onMessage.fire({ type: 'result', id: b.id, which: 'second' });
  ports[0].onMessage.fire({ type: 'result', id: a.id, which: 'first' });
  assert.equal((await first).which, 'first');
  assert.equal((await second).which, 'second');
});

test('hello is sent first and the status becomes available', async () => {
  const { connection, ports, statuses } = setup();
  const reply = await connection.request({ type: 'scan', text: 'abc' }, 1000);
  assert.equal(reply.length, 3);
  assert.equal(ports[0].sent[0].type, 'hello');
  await flush();
  assert.deepEqual(statuses, ['available']);
  assert.equal(connection.hostInfo.protocol, 1);
});

test('a request that gets no answer times out; the late answer is ignored', async () => {
  const held = [];
  const { connection, timers, ports } = setup((message) => {
    if (message.type === 'hello') return { type: 'hello', id: message.id };
    held.push(message);
    return undefined;
  });
  const request = connection.request({ type: 'scan', text: 'x' }, 500);
  timers.advance(499);
  await flush();
  timers.advance(1);
  await assert.rejects(request, { code: 'timeout' });
  ports[0].onMessage.fire({ type: 'result', id: held[0].id }); // no throw, no effect
});

test('when the host exits, pending requests fail at once and reconnection backs off', async () => {
  const held = [];
  const { connection, timers, ports, statuses } = setup((message) => {
    if (message.type === 'hello') return { type: 'hello', id: message.id };
    held.push(message);
    return undefined;
  });
  const request = connection.request({ type: 'scan', text: 'x' }, 5000);
  await flush();
  assert.equal(connection.lastFailure, null);
  ports[0].hostExits('Native host has exited.');
  await assert.rejects(request, { code: 'unavailable' });
  assert.deepEqual(statuses, ['available', 'unavailable']);
  assert.equal(connection.lastFailure, 'Native host has exited.', 'the browser\'s reason, for the popup');

  // Inside the back-off window requests fail fast, without starting a host.
  await assert.rejects(connection.request({ type: 'scan', text: 'y' }, 5000), { code: 'unavailable' });
  assert.equal(ports.length, 1);

  // The retry timer reconnects by itself.
  timers.advance(500);
  assert.equal(ports.length, 2);
  await flush();
  assert.equal(statuses.at(-1), 'available');
  assert.equal(connection.lastFailure, null, 'forgotten once a host says hello');
});

test('back-off doubles while the host keeps failing, up to the maximum', () => {
  const timers = new FakeTimers();
  const connectTimes = [];
  const connection = new HostConnection({
    connect: () => {
      connectTimes.push(timers.now);
      const port = new FakePort(() => undefined);
      queueMicrotask(() => port.hostExits('Specified native messaging host not found.'));
      return port;
    },
    helloRequest: hello,
    timers,
    now: () => timers.now,
    options: { initialBackoffMs: 100, maxBackoffMs: 800 },
  });
  connection.warmUp();
  return (async () => {
    for (let step = 0; step < 300; step += 1) {
      await flush(); // the failed connect reports its disconnect
      timers.advance(10);
    }
    await flush();
    const gaps = connectTimes.slice(1).map((time, index) => time - connectTimes[index]);
    assert.deepEqual(gaps.slice(0, 5), [100, 200, 400, 800, 800]);
  })();
});

test('a host that stops answering is restarted after repeated timeouts', async () => {
  const { connection, timers, ports } = setup((message) =>
    message.type === 'hello' ? { type: 'hello', id: message.id } : undefined,
  );
  connection.warmUp();
  await flush(); // started: its hello is in, so timeouts now count
  const first = connection.request({ type: 'scan', text: 'a' }, 100);
  await flush();
  timers.advance(100);
  await assert.rejects(first, { code: 'timeout' });
  const second = connection.request({ type: 'scan', text: 'b' }, 100);
  timers.advance(100);
  await assert.rejects(second, { code: 'timeout' });
  assert.equal(ports[0].connected, false, 'the hung port was closed');
  timers.advance(500);
  assert.equal(ports.length, 2, 'a fresh host was started');
});

test('a host slow to start is not restarted for scans that time out before its hello; one that never says hello is', async () => {
  let helloAfterMs = 8000;
  let answerScans = false; // under load the first scans queue behind the host's start
  const { connection, timers, ports, statuses } = setup((message) => {
    if (message.type !== 'hello') return answerScans ? echoHost(message) : undefined;
    const port = ports.at(-1);
    timers.setTimeout(() => port.connected && port.onMessage.fire({ type: 'hello', id: message.id }), helloAfterMs);
    return undefined;
  });
  for (let i = 0; i < 5; i += 1) {
    const scan = connection.request({ type: 'scan', text: 'x' }, 1000);
    timers.advance(1000);
    await assert.rejects(scan, { code: 'timeout' });
  }
  // One more sent while starting, timing out just after the hello arrives: still part of the start.
  const late = connection.request({ type: 'scan', text: 'y' }, 3500);
  timers.advance(3000);
  await flush();
  assert.equal(connection.status, 'available', 'its hello arrived');
  const another = connection.request({ type: 'scan', text: 'z' }, 1000); // after the hello: counts
  timers.advance(1000);
  await assert.rejects(late, { code: 'timeout' });
  await assert.rejects(another, { code: 'timeout' });
  assert.equal(ports.length, 1, 'five timeouts while starting and one after: the host is left to start');
  answerScans = true;
  assert.equal((await connection.request({ type: 'scan', text: 'abc' }, 1000)).length, 3);
  // A host that never says hello is restarted once the start time is up.
  helloAfterMs = Infinity;
  ports[0].hostExits();
  timers.advance(500); // the back-off, then a new port
  assert.equal(ports.length, 2);
  timers.advance(15_000);
  assert.equal(ports[1].connected, false, 'no hello within 15 s: restarted');
  assert.deepEqual(statuses, ['available', 'unavailable']);
  timers.advance(1000);
  assert.equal(ports.length, 3, 'and started again after the back-off');
});

test('typed error replies are returned to the caller, not thrown', async () => {
  const { connection } = setup((message) =>
    message.type === 'hello'
      ? { type: 'hello', id: message.id }
      : { type: 'error', id: message.id, code: 'too_large', message: 'frame too large' },
  );
  const reply = await connection.request({ type: 'scan', text: 'x' }, 1000);
  assert.equal(reply.code, 'too_large');
});
