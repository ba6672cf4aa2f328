// The sandbox upstream: a faithful fake of the Cryptorefills partner API (UPSTREAM.md) on node:http, plus the
// controls under /__sandbox/ that drive orders and inject faults. `npm run sandbox` runs it alone.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {pathToFileURL} from 'node:url';
import {isKnownPath, matchEndpoint} from '../upstream/endpoints.js';
import * as catalogue from './catalogue-routes.js';
import {CORS_HEADERS, message, writeReply, type Reply} from './http.js';
import {logoReply} from './logos.js';
import {RequestLog} from './request-log.js';

export interface SandboxServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  autopilot?: boolean;
  /** Origin written into logo and QR URLs; default the server's own `http://host:port`. */
  publicUrl?: string;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = new RequestLog();
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/__sandbox/') || path === '/__sandbox') {
      if (method === 'OPTIONS') return writeReply(res, {status: 204}, CORS_HEADERS);
      return writeReply(res, message(404, 'no such control'), CORS_HEADERS);
    }
    if (path.startsWith('/logos/')) {
      if (method === 'OPTIONS') return writeReply(res, {status: 204}, CORS_HEADERS);
      return writeReply(res, logoReply(path)!);
    }
    const match = matchEndpoint(method, path);
    log.record(method, url, req.headers, match?.endpoint.name ?? null);
    if (!match) return writeReply(res, message(isKnownPath(path) ? 405 : 404, isKnownPath(path) ? 'method not allowed' : 'not found'));
    let reply: Reply;
    switch (match.endpoint.name) {
      case 'paymentVias': reply = catalogue.paymentVias(); break;
      case 'brands': reply = catalogue.brands(url.searchParams, origin); break;
      case 'homepage': reply = catalogue.homepage(url.searchParams, origin); break;
      case 'products': reply = catalogue.products(match.params[0]!, url.searchParams, origin); break;
      case 'price': reply = catalogue.price(url.searchParams); break;
      default: reply = message(501, 'not implemented yet');
    }
    writeReply(res, reply);
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
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 8788),
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    autopilot: process.env.SANDBOX_AUTOPILOT === '1',
    ...(process.env.SANDBOX_PUBLIC_URL ? {publicUrl: process.env.SANDBOX_PUBLIC_URL} : {}),
  });
  console.log(`Sandbox upstream listening on ${sandbox.url}`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
