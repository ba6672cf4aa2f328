// Event streams through the proxy: frame by frame with no buffering, keep-alive comments while idle (never inside a
// frame), and the upstream connection closed as soon as the browser leaves.
import assert from 'node:assert/strict';
import type {ServerResponse} from 'node:http';
import {after, before, describe, test} from 'node:test';
import {FrameTracker} from '../../src/proxy/sse.js';
import {ORDER_ID, ORIGIN, startHarness, waitFor, type Harness} from './harness.js';

const SUBSCRIBE = `/v5/orders/${ORDER_ID}/subscribe`;

/** Reads a fetch body as text, a piece at a time, so tests can see what has arrived so far. */
class StreamReader {
  text = '';
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #decoder = new TextDecoder();
  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }
  /** Reads until `check(text)` holds; fails after `timeoutMs`. */
  async until(check: (text: string) => boolean, timeoutMs = 2000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.text)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(this.text)}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), left)));
      const next = await Promise.race([this.#reader.read(), timeout]);
      clearTimeout(timer);
      if (next === 'timeout') continue;
      if (next.done) {
        if (!check(this.text)) throw new Error(`stream ended; got ${JSON.stringify(this.text)}`);
        break;
      }
      this.text += this.#decoder.decode(next.value, {stream: true});
    }
    return this.text;
  }
  /** Resolves true when the stream ends within `timeoutMs`. */
  async ended(timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), deadline - Date.now())));
      const next = await Promise.race([this.#reader.read(), timeout]).catch(() => ({done: true as const, value: undefined}));
      clearTimeout(timer);
      if (next === 'timeout') return false;
      if (next.done) return true;
      this.text += this.#decoder.decode(next.value, {stream: true});
    }
    return false;
  }
  cancel(): Promise<void> {
    return this.#reader.cancel().catch(() => undefined);
  }
}

/** The events a browser's EventSource would dispatch from `text` (data joined by \n), comments skipped. */
function parseEvents(text: string): Array<{event: string; data: string; id?: string}> {
  const events: Array<{event: string; data: string; id?: string}> = [];
  let data: string[] = [];
  let event = 'message';
  let id: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length) events.push(id === undefined ? {event, data: data.join('\n')} : {event, data: data.join('\n'), id});
      data = [];
      event = 'message';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }
  return events;
}

let h: Harness;
// The upstream side of the open stream, so each test can write frames when it chooses.
let upstreamRes: ServerResponse | undefined;
before(async () => {
  h = await startHarness({keepAliveMs: 80}, (_req, res) => {
    res.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Set-Cookie': 'a=b'});
    res.flushHeaders();
    upstreamRes = res;
  });
});
after(() => h.close());

async function open(headers: Record<string, string> = {}): Promise<{res: Response; reader: StreamReader; up: ServerResponse}> {
  upstreamRes = undefined;
  const res = await fetch(h.url + SUBSCRIBE, {headers: {accept: 'text/event-stream', ...headers}});
  await waitFor(() => upstreamRes !== undefined);
  return {res, reader: new StreamReader(res.body!), up: upstreamRes!};
}

describe('SSE passthrough', () => {
  test('answers with stream headers, CORS, and no upstream Set-Cookie', async () => {
    const {res, reader, up} = await open({origin: ORIGIN});
    try {
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
      assert.equal(res.headers.get('x-accel-buffering'), 'no');
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(res.headers.get('set-cookie'), null);
      assert.equal(res.headers.get('content-encoding'), null);
    } finally {
      await reader.cancel();
      up.end();
    }
  });

  test('each frame arrives as soon as upstream sends it, before the next one exists', async () => {
    const {reader, up} = await open();
    try {
      for (let version = 1; version <= 3; version++) {
        up.write(`id: ${version}\ndata: {"order_id":"${ORDER_ID}","v":${version}}\n\n`);
        // The next frame is only written after this one has been read through the proxy.
        await reader.until((t) => parseEvents(t).length === version, 1000);
      }
      up.end('event: stop\ndata: {}\n\n');
      assert.equal(await reader.ended(), true);
      const events = parseEvents(reader.text);
      assert.deepEqual(
        events.map((e) => [e.event, e.id, e.data]),
        [
          ['message', '1', `{"order_id":"${ORDER_ID}","v":1}`],
          ['message', '2', `{"order_id":"${ORDER_ID}","v":2}`],
          ['message', '3', `{"order_id":"${ORDER_ID}","v":3}`],
          ['stop', '3', '{}'],
        ],
      );
    } finally {
      await reader.cancel();
    }
  });

  test('sends its own keep-alive comments while upstream is idle', async () => {
    const {reader, up} = await open();
    try {
      await reader.until((t) => (t.match(/^: keep-alive$/gm) ?? []).length >= 2, 1500);
      up.write('data: {"v":1}\n\n');
      await reader.until((t) => t.includes('data: {"v":1}'));
      assert.deepEqual(parseEvents(reader.text).map((e) => e.data), ['{"v":1}']);
    } finally {
      await reader.cancel();
      up.end();
    }
  });

  test('a keep-alive never lands inside a frame that arrives in pieces', async () => {
    const {reader, up} = await open();
    try {
      // Upstream stalls mid-line, then mid-event (after a complete line), each longer than the keep-alive interval.
      up.write('id: 9\ndata: {"order_id":');
      await new Promise((r) => setTimeout(r, 250));
      up.write(`"${ORDER_ID}"}\n`);
      await new Promise((r) => setTimeout(r, 250));
      up.write('data: {"second":"line"}\n\n');
      await reader.until((t) => t.includes('"second"'));
      const events = parseEvents(reader.text);
      assert.equal(events.length, 1, reader.text);
      assert.equal(events[0]!.data, `{"order_id":"${ORDER_ID}"}\n{"second":"line"}`);
      assert.equal(events[0]!.id, '9');
      // A comment was sent while the event was open (line boundary), but no blank line that would dispatch it early.
      assert.match(reader.text, /"\}\n: keep-alive\n(: keep-alive\n)*data: \{"second"/);
    } finally {
      await reader.cancel();
      up.end();
    }
  });

  test('the upstream connection closes quickly when the browser leaves', async () => {
    const {reader, up} = await open();
    up.write('data: {"v":1}\n\n');
    await reader.until((t) => t.includes('"v":1'));
    assert.equal(h.upstream.open(), 1);
    await reader.cancel();
    await waitFor(() => h.upstream.open() === 0, 1000);
  });

  test('the browser stream ends when upstream ends it', async () => {
    const {reader, up} = await open();
    up.write('data: {"v":1}\n\n');
    up.end();
    assert.equal(await reader.ended(), true);
    assert.deepEqual(parseEvents(reader.text).map((e) => e.data), ['{"v":1}']);
  });

  test('an upstream that drops the connection mid-stream ends the browser stream cleanly', async () => {
    const {reader, up} = await open();
    up.write('data: {"v":1}\n\n');
    await reader.until((t) => t.includes('"v":1'));
    up.destroy();
    assert.equal(await reader.ended(), true);
  });
});

describe('streams per client', () => {
  test('a client holds at most maxStreamsPerClient streams: the next is 429 before upstream, and a closed one frees its slot', async () => {
    const ups: ServerResponse[] = [];
    const capped = await startHarness({maxStreamsPerClient: 2}, (_req, res) => {
      res.writeHead(200, {'Content-Type': 'text/event-stream'});
      res.flushHeaders();
      ups.push(res);
    });
    try {
      const openOne = () => fetch(capped.url + SUBSCRIBE, {headers: {accept: 'text/event-stream'}});
      const first = new StreamReader((await openOne()).body!);
      const second = new StreamReader((await openOne()).body!);
      await waitFor(() => ups.length === 2);
      const third = await openOne();
      assert.equal(third.status, 429);
      assert.equal(third.headers.get('retry-after'), '30');
      assert.equal((await third.json()).error.code, 'TOO_MANY_STREAMS');
      assert.equal(capped.upstream.requests.length, 2, 'the third never reached upstream');
      // The browser leaves one: its slot is free again.
      await first.cancel();
      await waitFor(() => capped.upstream.open() === 1, 1000);
      const fourth = new StreamReader((await openOne()).body!);
      await waitFor(() => ups.length === 3);
      // Upstream ends one: its slot is free too.
      ups[1]!.end();
      assert.equal(await second.ended(), true);
      const fifth = await openOne();
      assert.equal(fifth.status, 200);
      await fifth.body?.cancel();
      await fourth.cancel();
    } finally {
      await capped.close();
    }
  });

  test('the cap is on by default against a real upstream, off against a local sandbox, and read from the environment', async () => {
    const {configFromEnv, resolveConfig} = await import('../../src/proxy/config.js');
    const base = {partnerId: 'p', appVersion: '1', allowedOrigins: []};
    assert.equal(resolveConfig({...base, apiUrl: 'https://api.cryptorefills.com'}).maxStreamsPerClient, 20);
    assert.equal(resolveConfig({...base, apiUrl: 'http://127.0.0.1:8788'}).maxStreamsPerClient, false);
    const env = {CR_PARTNER_ID: 'p'};
    assert.equal(configFromEnv({...env, CR_MAX_STREAMS_PER_CLIENT: '5'}).maxStreamsPerClient, 5);
    assert.equal(configFromEnv({...env, CR_MAX_STREAMS_PER_CLIENT: 'off'}).maxStreamsPerClient, false);
  });
});

describe('FrameTracker', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const after = (...chunks: string[]) => {
    const t = new FrameTracker();
    for (const c of chunks) t.push(enc(c));
    return t.keepAlive();
  };

  test('between events a comment and a blank line are safe', () => {
    assert.equal(after(), ': keep-alive\n\n');
    assert.equal(after('data: x\n\n'), ': keep-alive\n\n');
    assert.equal(after('data: x\r\n\r\n'), ': keep-alive\n\n');
    assert.equal(after('data: x\r\r'), ': keep-alive\n\n');
  });

  test('inside an event only a comment line (no blank line) is safe', () => {
    assert.equal(after('data: x\n'), ': keep-alive\n');
    assert.equal(after('id: 1\ndata: x\r\n'), ': keep-alive\n');
    assert.equal(after('data: x\n', '\n', 'event: stop\n'), ': keep-alive\n');
  });

  test('mid-line, or just after a CR whose LF may follow, nothing may be written', () => {
    assert.equal(after('data: {"a"'), undefined);
    assert.equal(after('data: x\n\ndata'), undefined);
    assert.equal(after('data: x\r'), undefined);
    assert.equal(after('data: x\r', '\n'), ': keep-alive\n');
  });
});
