// The sandbox upstream: a faithful fake of the Cryptorefills partner API (UPSTREAM.md) on node:http, plus the
// controls under /__sandbox/ that drive orders and inject faults. `npm run sandbox` runs it alone.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {runsDirectly} from '../node/run-directly.js';
import {isKnownPath, matchEndpoint, type EndpointName} from '../upstream/endpoints.js';
import * as catalogue from './catalogue-routes.js';
import * as orders from './order-routes.js';
import {control} from './controls.js';
import {CORS_HEADERS, message, readBody, writeReply, type Reply} from './http.js';
import {logoReply} from './logos.js';
import type {LoggedRequest} from './request-log.js';
import {Sandbox, DEFAULT_CONFIG} from './sandbox.js';
import {UNKNOWN_STATE} from './stream.js';

export interface SandboxServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Orders complete by themselves after "pay" (also `POST /__sandbox/autopilot {on}`). */
  autopilot?: boolean;
  /** Interval of `: keep-alive` comments on streams (default 15000). */
  keepAliveMs?: number;
  /** Delay between auto-pilot steps (default 1000). */
  autopilotStepMs?: number;
  /** An unpaid order expires by itself after this many seconds (default 1800; 0 = never). */
  paymentWindowSeconds?: number;
  /** Origin written into logo, QR and asset URLs; default the server's own `http://host:port`. */
  publicUrl?: string;
}

/** Endpoints whose answer is an Order (the unknown-state fault rewrites its order_state). */
const ORDER_ANSWERS: readonly EndpointName[] = ['createOrder', 'order'];

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxServer> {
  const host = opts.host ?? '127.0.0.1';
  let origin = '';
  const sandbox = new Sandbox(
    {
      keepAliveMs: opts.keepAliveMs ?? DEFAULT_CONFIG.keepAliveMs,
      autopilotStepMs: opts.autopilotStepMs ?? DEFAULT_CONFIG.autopilotStepMs,
      paymentWindowSeconds: opts.paymentWindowSeconds ?? DEFAULT_CONFIG.paymentWindowSeconds,
      autopilot: opts.autopilot ?? false,
    },
    () => origin,
  );

  async function upstream(req: IncomingMessage, res: ServerResponse, url: URL, name: EndpointName, params: string[], logged: LoggedRequest): Promise<void> {
    const {faults} = sandbox;
    const orderId = name === 'order' || name === 'subscribe' || name === 'qr' ? params[0]!.toLowerCase() : undefined;
    // Read the body first, so a fault never leaves a half-read request behind.
    const text = req.method === 'POST' ? await readBody(req) : '';
    sandbox.log.attachBody(logged, text);
    const slow = faults.take(['slow'], name, orderId);
    if (slow) await sandbox.sleep(slow.ms ?? 2000);
    if (res.destroyed) return;
    const failure = faults.take(['server-error', 'rate-limit'], name, orderId);
    if (failure?.kind === 'rate-limit') {
      // Retry-After "may come" upstream [likely]: a fault with retryAfter null answers 429 without it.
      const retryAfter: Record<string, string> = failure.retryAfter === null ? {} : {'retry-after': String(failure.retryAfter ?? 1)};
      return writeReply(res, {status: 429, json: {message: 'Too Many Requests'}, headers: retryAfter});
    }
    if (failure) {
      const status = failure.status ?? 500;
      return writeReply(res, {status, json: {message: status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Internal Server Error'}});
    }
    if (name === 'subscribe') {
      const lastEventId = req.headers['last-event-id'];
      return sandbox.hub.open(res, orderId!, sandbox.orders.get(orderId!), typeof lastEventId === 'string' ? lastEventId : undefined);
    }
    let reply: Reply;
    switch (name) {
      case 'paymentVias': reply = catalogue.paymentVias(); break;
      case 'brands': reply = catalogue.brands(url.searchParams, origin); break;
      case 'homepage': reply = catalogue.homepage(url.searchParams, origin); break;
      case 'products': reply = catalogue.products(params[0]!, url.searchParams, origin); break;
      case 'price': reply = catalogue.price(url.searchParams); break;
      case 'validateOrder': reply = orders.validateOrder(text); break;
      case 'createOrder': reply = orders.createOrder(sandbox, text); break;
      case 'order': reply = orders.getOrder(sandbox, orderId!); break;
      case 'qr': reply = await orders.orderQr(sandbox, orderId!); break;
    }
    if (ORDER_ANSWERS.includes(name) && reply.status === 200) {
      const unknown = faults.take(['unknown-state'], name, orderId);
      if (unknown) reply = {...reply, json: {...(reply.json as object), order_state: unknown.state ?? UNKNOWN_STATE}};
    }
    const isJson = reply.json !== undefined || reply.type?.startsWith('application/json');
    if (isJson && reply.status === 200) {
      const broken = faults.take(['malformed-json'], name, orderId);
      if (broken) {
        const full = reply.body !== undefined ? String(reply.body) : JSON.stringify(reply.json);
        reply = {status: 200, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))), type: 'application/json; charset=utf-8'};
      }
    }
    writeReply(res, reply);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
      if (method === 'OPTIONS') return writeReply(res, {status: 204}, CORS_HEADERS);
      const text = method === 'POST' || method === 'DELETE' ? await readBody(req) : '';
      return writeReply(res, control(sandbox, method, path, text), CORS_HEADERS);
    }
    const asset = path.startsWith('/logos/') ? logoReply(path) : await orders.deliveredAsset(sandbox, path);
    if (asset) return writeReply(res, method === 'OPTIONS' ? {status: 204} : asset, method === 'OPTIONS' ? CORS_HEADERS : {});
    const match = matchEndpoint(method, path);
    const logged = sandbox.log.record(method, url, req.headers, match?.endpoint.name ?? null);
    if (!match) {
      const known = isKnownPath(path);
      return writeReply(res, message(known ? 405 : 404, known ? 'method not allowed' : 'not found'));
    }
    return upstream(req, res, url, match.endpoint.name, match.params, logged);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, message(500, `sandbox error: ${(error as Error).message}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  origin = (opts.publicUrl ?? url).replace(/\/+$/, '');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        sandbox.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

const isMain = runsDirectly(import.meta.url);
if (isMain) {
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 8788),
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    autopilot: process.env.SANDBOX_AUTOPILOT === '1',
    ...(process.env.SANDBOX_PUBLIC_URL ? {publicUrl: process.env.SANDBOX_PUBLIC_URL} : {}),
  });
  console.log(`Sandbox upstream listening on ${sandbox.url} (controls: ${sandbox.url}/__sandbox/)`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
