// The reference proxy on node:http: bridges each IncomingMessage to the fetch handler and writes its Response back
// chunk by chunk (no buffering, no compression), aborting the handler's upstream call when the client leaves.
// Run directly (`npm run proxy`), it reads its configuration from the environment and prints its URL.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {Readable} from 'node:stream';
import {runsDirectly} from '../node/run-directly.js';
import {configFromEnv as configFromRecord, resolveConfig, type ProxyConfig} from './config.js';
import {createProxyHandler, type ProxyHandler} from './handler.js';
import {consoleLog} from './log.js';

export type {ProxyConfig} from './config.js';
export {createProxyHandler} from './handler.js';
export {consoleLog, throttledLog, type ProxyLog} from './log.js';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** The configuration from `CR_*` variables (see the README); throws with a clear message when unusable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  return configFromRecord(env);
}

export interface RunningProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startProxy(config: ProxyConfig, opts: {port?: number; host?: string} = {}): Promise<RunningProxy> {
  const basePath = resolveConfig(config).basePath;
  const handler = createProxyHandler(config);
  const server = createServer({
    // Slow-loris guards: a request's headers and (small) body must arrive promptly. Neither limit applies to the
    // time spent streaming an answer, so event streams are unaffected.
    headersTimeout: 20_000,
    requestTimeout: 30_000,
  }, (req, res) => {
    void bridge(handler, req, res);
  });
  // A request line Node cannot parse (CR/LF or control bytes in the target, bad header) never reaches the handler:
  // answer it in the proxy's JSON error shape and drop the connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({error: {code: 'BAD_REQUEST_TARGET', message: 'The request could not be parsed.'}});
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const host = opts.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${basePath}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Open event streams would keep close() waiting forever: end every connection.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const FETCH_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Runs one request through the fetch handler and streams the answer back. */
async function bridge(handler: ProxyHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  // `res` closes when the answer is complete or the client went away; only the latter should abort.
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    const rawTarget = req.url ?? '';
    const method = req.method ?? 'GET';
    if (!FETCH_METHODS.has(method)) {
      // TRACE, CONNECT and unknown methods cannot even be put in a Request; no endpoint answers them anyway.
      res.writeHead(405, {'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Allow: 'GET, POST, OPTIONS', Vary: 'Origin'});
      res.end(JSON.stringify({error: {code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.'}}));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name.startsWith(':')) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const init: RequestInit & {duplex?: 'half'} = {method, headers, signal: abort.signal};
    if (method !== 'GET' && method !== 'HEAD') {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
    // The URL's host is irrelevant (the handler works from rawTarget); a fixed one keeps a hostile Host header or an
    // absolute-form target from shaping it. The target is appended only when it parses as a plain path.
    const safePath = rawTarget.startsWith('/') && !rawTarget.startsWith('//') && /^[\x21-\x7e]*$/.test(rawTarget) ? rawTarget : '/';
    const request = new Request(`http://proxy.invalid${safePath}`, init);
    const clientAddress = req.socket.remoteAddress;
    const response = await handler(request, clientAddress ? {clientAddress, rawTarget} : {rawTarget});
    // A refused upload (413, 415, …) is answered before its body has arrived: close the connection after the answer
    // rather than reading the rest of an upload nobody wants.
    if (!req.complete) res.shouldKeepAlive = false;
    await writeResponse(response, res, abort.signal);
  } catch {
    if (!res.headersSent) {
      res.writeHead(500, {'Content-Type': 'application/json; charset=utf-8'});
      res.end(JSON.stringify({error: {code: 'INTERNAL', message: 'The proxy failed to handle the request.'}}));
    } else {
      res.destroy();
    }
  }
}

async function writeResponse(response: Response, res: ServerResponse, clientGone: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  // An event stream's headers go out at once: the browser must see them before the first frame, which may be
  // seconds away.
  if (/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  clientGone.addEventListener('abort', cancel, {once: true});
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        // Back-pressure: wait for the socket to drain, or for the client to go away.
        await new Promise<void>((resolve) => {
          const settle = () => {
            res.off('drain', settle);
            res.off('close', settle);
            resolve();
          };
          res.on('drain', settle);
          res.on('close', settle);
        });
      }
      if (clientGone.aborted) break;
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    clientGone.removeEventListener('abort', cancel);
  }
}

const ENV_NAMES = {allowedOrigins: 'CR_ALLOWED_ORIGINS', apiUrl: 'CR_API_URL', basePath: 'CR_BASE_PATH', partnerId: 'CR_PARTNER_ID'} as const;

async function main(): Promise<void> {
  let config: ProxyConfig;
  try {
    config = configFromEnv();
    resolveConfig(config);
  } catch (error) {
    // resolveConfig speaks of the config's fields; here they came from the environment, so name the variables.
    const message = (error as Error).message.replace(/\b(allowedOrigins|apiUrl|basePath|partnerId)\b/g, (field) => ENV_NAMES[field as keyof typeof ENV_NAMES]);
    console.error(`proxy: ${message}`);
    process.exit(1);
  }
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  const host = process.env.HOST || DEFAULT_HOST;
  const proxy = await startProxy({...config, log: consoleLog()}, {port, host});
  console.log(`Cryptorefills proxy on ${proxy.url} → ${config.apiUrl}`);
  if (config.allowedOrigins.length === 0) console.log('No CR_ALLOWED_ORIGINS: only callers without an Origin header are served.');
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (runsDirectly(import.meta.url)) void main();
