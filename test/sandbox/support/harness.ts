// Shared by the sandbox's Node tests: a real sandbox on a free loopback port per test file, HTTP helpers, and a
// bounded SSE reader (every wait has a deadline, every stream is aborted at the end).
import {after, before, beforeEach} from 'node:test';
import {startSandbox, type SandboxOptions, type SandboxServer} from '../../../src/sandbox/server.js';
import {sandboxControls, type SandboxControls} from '../../support/sandbox-controls.js';

export interface Harness {
  url: string;
  controls: SandboxControls;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  getJson<T = any>(path: string): Promise<T>;
  post(path: string, body: unknown): Promise<Response>;
  postRaw(path: string, text: string): Promise<Response>;
}

/** Starts one sandbox for the file (before), resets it before each test, closes it (after). */
export function useSandbox(opts: SandboxOptions = {}): Harness {
  let server: SandboxServer | undefined;
  const h = {} as Harness;
  before(async () => {
    server = await startSandbox({port: 0, host: '127.0.0.1', ...opts});
    h.url = server.url;
    h.controls = sandboxControls(server.url);
  });
  beforeEach(async () => {
    await h.controls.reset();
  });
  after(async () => {
    await server?.close();
  });
  h.get = (path, headers = {}) => fetch(h.url + path, {headers});
  h.getJson = async (path) => {
    const res = await fetch(h.url + path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  h.post = (path, body) => h.postRaw(path, JSON.stringify(body));
  h.postRaw = (path, text) => fetch(h.url + path, {method: 'POST', headers: {'content-type': 'application/json'}, body: text});
  return h;
}

export const BUYER = 'buyer@example.com';

/** An OrderBody for one delivery, flat by default. */
export function orderBody(
  delivery: {brand_name: string; country_code: string; denomination: string; beneficiary_account?: string; product_value?: number},
  opts: {coin?: string; /** null = leave `network` out */ network?: string | null; email?: string; nested?: boolean; promo_code?: string; payment_via?: string} = {},
): Record<string, unknown> {
  const d = {beneficiary_account: BUYER, ...delivery};
  return {
    user: {email: opts.email ?? BUYER, has_accepted_newsletter: false},
    payment: {type: 'via', payment_via: opts.payment_via ?? 'USER_WALLET', coin: opts.coin ?? 'USDC', ...(opts.network === null ? {} : {network: opts.network ?? 'Solana'})},
    deliveries: [opts.nested ? {kind: 'giftcard', quantity: 1, deliverable: d} : d],
    lang: 'en',
    ...(opts.promo_code ? {promo_code: opts.promo_code} : {}),
  };
}

export const STEAM_10 = {brand_name: 'Steam', country_code: 'US', denomination: '10 USD'};

export async function createOrder(h: Harness, body: Record<string, unknown> = orderBody(STEAM_10)): Promise<any> {
  const res = await h.post('/v5/orders', body);
  const json = await res.json();
  if (res.status !== 200) throw new Error(`create: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** An SSE connection read frame by frame; `next()` waits at most `timeoutMs`. */
export class SseClient {
  events: SseEvent[] = [];
  comments: string[] = [];
  ended = false;
  status = 0;
  headers?: Headers;
  private controller = new AbortController();
  private waiters: (() => void)[] = [];
  private buffer = '';
  private read = 0;

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, {headers, signal: client.controller.signal});
    client.status = res.status;
    client.headers = res.headers;
    void client.pump(res);
    return client;
  }

  private async pump(res: Response): Promise<void> {
    const decoder = new TextDecoder();
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, {stream: true});
        this.parse();
      }
    } catch {
      // aborted or dropped: both mean the stream ended
    }
    this.ended = true;
    this.wake();
  }

  private parse(): void {
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const event: SseEvent = {event: 'message', data: ''};
      const data: string[] = [];
      let isComment = true;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        isComment = false;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
        else if (field === 'event') event.event = value;
      }
      if (!isComment) {
        event.data = data.join('\n');
        this.events.push(event);
      }
    }
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `predicate` holds (checked on every frame), or throws after `timeoutMs`. */
  async until(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events.map((e) => [e.id, e.event, e.data.slice(0, 40)]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next event not yet taken. */
  async next(timeoutMs = 3000): Promise<SseEvent> {
    await this.until(() => this.events.length > this.read || this.ended, timeoutMs, 'next event');
    const event = this.events[this.read];
    if (!event) throw new Error('stream ended');
    this.read++;
    return event;
  }

  close(): void {
    this.controller.abort();
  }
}

/** Polls `check` until it returns true, at most `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
