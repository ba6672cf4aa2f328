// A partner's page, as strict as a partner may make it: a small node:http server that serves a host page under a
// strict Content-Security-Policy, the page's own external script (it records every event our elements fire, every
// CSP violation and every error, as a host page would listen for them: on `document`), and the built script-tag
// bundle. Nothing inline: a widget that needs 'unsafe-inline' or 'unsafe-eval' fails here.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';

export interface HostPageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Where the proxy and sandbox are; set once they run (the proxy's allow-list needs this server's origin first). */
  configure(urls: {proxyUrl: string; sandboxUrl: string}): void;
  /** The host page's URL with options (see HostPageOptions). */
  pageUrl(options?: HostPageOptions): string;
  /** The CSP every page is served with. */
  csp(): string;
  close(): Promise<void>;
}

export interface HostPageOptions {
  /** `theme` attribute on the three elements (`light`, `dark`). */
  theme?: string;
  /** `order-id` attribute on `<cr-order-status>` (a second tab following a known order). */
  orderId?: string;
  /** `store` attribute on the three elements. */
  store?: string;
  /** `lang` attribute on the three elements. */
  lang?: string;
  /** `country` attribute on the picker. */
  country?: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

/**
 * The host page's own script. It runs before the bundle (module scripts run in document order) and keeps a JSON
 * record in `window.__crHost` that the tests read: events in the order the page received them, CSP violations,
 * errors. It also shows the log in the page, as the demo does, so a person watching a headed run sees it.
 */
export const HOST_SCRIPT = `
const record = {events: [], violations: [], errors: []};
window.__crHost = record;
const log = () => document.getElementById('event-log');
function note(entry) {
  record.events.push(entry);
  const list = log();
  if (list) {
    const item = document.createElement('li');
    item.textContent = entry.type + (entry.state ? ' ' + entry.state : '') + (entry.code ? ' ' + entry.code : '');
    list.append(item);
  }
}
document.addEventListener('cr-brand-select', (e) => note({type: e.type, brand: e.detail.brand.brand, at: Date.now()}));
document.addEventListener('cr-order-created', (e) => note({type: e.type, orderId: e.detail.order.order_id, state: e.detail.order.order_state, at: Date.now()}));
document.addEventListener('cr-status-change', (e) => note({
  type: e.type, orderId: e.detail.orderId, state: e.detail.state, previousState: e.detail.previousState ?? null,
  paymentState: e.detail.paymentState, phase: e.detail.phase, orderMatches: e.detail.order.order_id === e.detail.orderId,
  at: Date.now(),
}));
document.addEventListener('cr-error', (e) => note({type: e.type, code: e.detail.code, message: e.detail.message, at: Date.now()}));
document.addEventListener('securitypolicyviolation', (e) => record.violations.push({
  directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
}));
window.addEventListener('error', (e) => record.errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => record.errors.push('unhandled rejection: ' + String(e.reason && e.reason.message || e.reason)));
`;

const HOST_CSS = `
body { font-family: system-ui, sans-serif; margin: 1rem; color: #111; background: #fff; }
main { display: grid; gap: 1rem; max-width: 60rem; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #111; } }
`;

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function hostPage(proxyUrl: string, options: HostPageOptions): string {
  const common = [
    options.theme ? ` theme="${escapeAttr(options.theme)}"` : '',
    options.store ? ` store="${escapeAttr(options.store)}"` : '',
    options.lang ? ` lang="${escapeAttr(options.lang)}"` : '',
  ].join('');
  const country = ` country="${escapeAttr(options.country ?? 'US')}"`;
  const orderId = options.orderId ? ` order-id="${escapeAttr(options.orderId)}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partner shop (e2e host page)</title>
  <link rel="stylesheet" href="/host.css">
  <script type="module" src="/host.js"></script>
  <script type="module" src="/dist/cryptorefills-checkout.js"></script>
</head>
<body>
  <main>
    <h1>Partner shop</h1>
    <section aria-label="Pick a brand"><cr-brand-picker proxy-url="${escapeAttr(proxyUrl)}"${country}${common}></cr-brand-picker></section>
    <section aria-label="Pay"><cr-checkout${common}></cr-checkout></section>
    <section aria-label="Track"><cr-order-status${orderId}${common}></cr-order-status></section>
    <section aria-label="Events"><h2>Events</h2><ol id="event-log"></ol></section>
  </main>
</body>
</html>`;
}

export async function startHostPage(distDir: string): Promise<HostPageServer> {
  let urls: {proxyUrl: string; sandboxUrl: string} | undefined;
  const originOf = (url: string) => new URL(url).origin;
  const csp = () => {
    if (!urls) throw new Error('host page: configure() first');
    return [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src ${originOf(urls.proxyUrl)}`,
      `img-src 'self' ${originOf(urls.sandboxUrl)}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
  };
  const root = normalize(distDir + sep);

  async function serveDist(res: ServerResponse, relative: string): Promise<void> {
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return send(res, 404, 'text/plain', 'not found');
    try {
      const body = await readFile(file);
      send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
    } catch {
      send(res, 404, 'text/plain', 'not found');
    }
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': csp(),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const p = url.searchParams;
      const options: HostPageOptions = {};
      for (const key of ['theme', 'orderId', 'store', 'lang', 'country'] as const) {
        const value = p.get(key);
        if (value) options[key] = value;
      }
      return send(res, 200, TYPES['.html']!, hostPage(urls!.proxyUrl, options));
    }
    if (url.pathname === '/host.js') return send(res, 200, TYPES['.js']!, HOST_SCRIPT);
    if (url.pathname === '/host.css') return send(res, 200, TYPES['.css']!, HOST_CSS);
    if (url.pathname.startsWith('/dist/')) return void serveDist(res, decodeURIComponent(url.pathname.slice('/dist/'.length)));
    send(res, 404, 'text/plain', 'not found');
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      res.writeHead(500, {'Content-Type': 'text/plain'});
      res.end(String((error as Error).message));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    configure(next) {
      urls = next;
    },
    csp,
    pageUrl(options = {}) {
      const query = new URLSearchParams(Object.entries(options).filter(([, v]) => v !== undefined) as [string, string][]);
      const text = query.toString();
      return `${origin}/${text ? `?${text}` : ''}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
