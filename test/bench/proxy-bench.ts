// Proxy figures for `npm run bench`, all on loopback against the real sandbox:
// - overhead: the same catalogue call direct to the sandbox and through the proxy, interleaved, median and p95;
// - streams: N concurrent event streams through a proxy in its own child process (so its RSS is its own), one frame
//   relayed to all, frames counted, memory before and with the streams open;
// - burst: order creations fired at once through the proxy, every answer a distinct order, none lost or doubled.
import {fork, type ChildProcess} from 'node:child_process';
import {request as httpRequest, type ClientRequest} from 'node:http';
import {fileURLToPath} from 'node:url';
import {sandboxControls} from '../support/sandbox-controls.js';
import {median, p95} from './stats.js';

export interface OverheadResult {
  runs: number;
  direct: {median: number; p95: number};
  proxied: {median: number; p95: number};
  ratio: number;
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

/** Interleaves direct and proxied calls so both see the same machine load. */
export async function proxyOverhead(sandboxUrl: string, proxyUrl: string, runs = 200, path = '/v2/brands?country_code=US'): Promise<OverheadResult> {
  for (let i = 0; i < 10; i++) {
    await timed(sandboxUrl + path);
    await timed(proxyUrl + path);
  }
  const direct: number[] = [];
  const proxied: number[] = [];
  for (let i = 0; i < runs; i++) {
    direct.push(await timed(sandboxUrl + path));
    proxied.push(await timed(proxyUrl + path));
  }
  return {
    runs,
    direct: {median: median(direct), p95: p95(direct)},
    proxied: {median: median(proxied), p95: p95(proxied)},
    ratio: median(proxied) / median(direct),
  };
}

interface ProxyChild {
  url: string;
  memory(): Promise<{rss: number; heapUsed: number}>;
  close(): Promise<void>;
}

async function startProxyChild(upstream: string): Promise<ProxyChild> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./proxy-child.ts', import.meta.url)), [upstream], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`proxy child: no ${type} message`)), 20_000);
      const onMessage = (message: {type: string}) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
    });
  const {url} = await next<{url: string}>('ready');
  return {
    url,
    memory: async () => {
      const reply = next<{rss: number; heapUsed: number}>('memory');
      child.send({type: 'memory'});
      return reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({type: 'close'});
      }),
  };
}

async function createOrder(base: string, email = 'buyer@example.com'): Promise<{order_id: string}> {
  const response = await fetch(`${base}/v5/orders`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({
      user: {email},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'friend@example.com'}],
      lang: 'en',
    }),
  });
  const body = (await response.json()) as {order_id: string};
  if (!response.ok) throw new Error(`create order: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export interface StreamsResult {
  wanted: number;
  opened: number;
  /** Streams that received the relayed frame after the order changed. */
  relayed: number;
  framesReceived: number;
  fanOutMs: number;
  rssBefore: number;
  rssWith: number;
  perStreamKiB: number;
}

/** Opens `count` event streams through a proxy child process, relays one frame to all, reports frames and memory. */
export async function proxyStreams(sandboxUrl: string, count = 2000, limitMs = 60_000): Promise<StreamsResult> {
  const proxy = await startProxyChild(sandboxUrl);
  const requests: ClientRequest[] = [];
  try {
    const {order_id: orderId} = await createOrder(proxy.url);
    const rssBefore = (await proxy.memory()).rss;
    const frames = new Array<number>(count).fill(0);
    let opened = 0;
    let changedAt = 0;
    let lastRelayAt = 0;
    const url = new URL(`${proxy.url}/v5/orders/${orderId}/subscribe`);
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, limitMs / 2);
      let settled = 0;
      for (let i = 0; i < count; i++) {
        const req = httpRequest(url, {agent: false, headers: {accept: 'text/event-stream'}}, (res) => {
          opened++;
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (!/^data:/m.test(frame)) continue;
              frames[i]!++;
              if (frames[i] === 1 && ++settled === count) {
                clearTimeout(deadline);
                resolve();
              }
              if (frames[i] === 2) lastRelayAt = performance.now();
            }
          });
          res.on('error', () => undefined);
        });
        req.on('error', () => {
          if (++settled === count) resolve();
        });
        req.end();
        requests.push(req);
      }
    });
    const rssWith = (await proxy.memory()).rss;
    changedAt = performance.now();
    await sandboxControls(sandboxUrl).act(orderId, 'pay');
    const relayDeadline = Date.now() + limitMs / 2;
    while (frames.filter((n) => n >= 2).length < opened && Date.now() < relayDeadline) await new Promise((r) => setTimeout(r, 50));
    const relayed = frames.filter((n) => n >= 2).length;
    return {
      wanted: count,
      opened,
      relayed,
      framesReceived: frames.reduce((a, b) => a + b, 0),
      fanOutMs: relayed ? lastRelayAt - changedAt : Number.NaN,
      rssBefore,
      rssWith,
      perStreamKiB: opened ? (rssWith - rssBefore) / 1024 / opened : Number.NaN,
    };
  } finally {
    for (const req of requests) req.destroy();
    await proxy.close();
  }
}

export interface BurstResult {
  count: number;
  ok: number;
  distinct: number;
  newOrdersUpstream: number;
  wallMs: number;
  perOrder: {median: number; p95: number};
}

/** `count` order creations fired at once through the proxy: each answer must be a new, distinct order. */
export async function orderBurst(sandboxUrl: string, proxyUrl: string, count = 100): Promise<BurstResult> {
  const controls = sandboxControls(sandboxUrl);
  const before = (await controls.stats()).orders;
  const started = performance.now();
  const times: number[] = [];
  const results = await Promise.allSettled(
    Array.from({length: count}, async (_, i) => {
      const t0 = performance.now();
      const order = await createOrder(proxyUrl, `burst-${i}@example.com`);
      times.push(performance.now() - t0);
      return order.order_id;
    }),
  );
  const wallMs = performance.now() - started;
  const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const after = (await controls.stats()).orders;
  return {count, ok: ids.length, distinct: new Set(ids).size, newOrdersUpstream: after - before, wallMs, perOrder: {median: median(times), p95: p95(times)}};
}
