// A small static server for tests and the bench that must run what partners run: the built bundle (from a dist
// folder) at /cryptorefills-checkout.js, the same files again under /copy/ (another URL = another module instance),
// the integration pages of demo/integrations/ with `%VITE_CR_PROXY_URL%` filled in, and extra pages given by the
// caller. Every answer carries the given Content-Security-Policy; HTML pages get a probe script first (a file from
// 'self', so it runs under the policy) that records CSP violations and the widget's events for the test to read.
import {createServer, type Server} from 'node:http';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {extname, join, normalize, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const integrations = fileURLToPath(new URL('../../demo/integrations/', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Runs in the page before anything else; `window.__cr` is read by the tests. */
export const PROBE_SCRIPT = `(() => {
  const cr = (window.__cr = {violations: [], events: []});
  document.addEventListener('securitypolicyviolation', (e) => {
    cr.violations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile});
  }, true);
  for (const type of ['cr-brand-select', 'cr-order-created', 'cr-status-change', 'cr-error']) {
    document.addEventListener(type, (e) => {
      const d = e.detail || {};
      cr.events.push({type, at: performance.now(), brand: d.brand && d.brand.brand, orderId: d.orderId || (d.order && d.order.order_id),
        state: d.state, phase: d.phase, code: d.code, message: d.message});
    });
  }
})();`;

export interface PageServerOptions {
  /** Folder with cryptorefills-checkout.js and its chunks. */
  dist: string;
  proxyUrl: string;
  /** The Content-Security-Policy header for every answer; none when absent. */
  csp?: (origin: string) => string;
  /** Extra HTML pages by path (`/twice.html`), as functions of the page origin. */
  pages?: Record<string, (origin: string) => string>;
  /** Inject the probe script into HTML pages (default true). */
  probe?: boolean;
  /** Milliseconds to hold back the answer for a path (a slow network for one file); none when absent or 0. */
  delayMs?: (path: string) => number;
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

function fileUnder(base: string, relative: string): string | undefined {
  const full = normalize(join(base, relative));
  if (!full.startsWith(base.endsWith(sep) ? base : base + sep)) return undefined;
  return existsSync(full) && statSync(full).isFile() ? full : undefined;
}

/** Starts the server on a free loopback port; `origin` is `http://127.0.0.1:<port>`. */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  let origin = '';
  const html = (text: string) => {
    const filled = text.replaceAll('%VITE_CR_PROXY_URL%', options.proxyUrl);
    return options.probe === false ? filled : filled.replace(/<head>/i, '<head>\n<script src="/__probe.js"></script>');
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers: Record<string, string> = {'Cache-Control': 'no-store'};
    if (options.csp) headers['Content-Security-Policy'] = options.csp(origin);
    const send = (status: number, type: string, body: string | Buffer) => {
      const answer = () => {
        res.writeHead(status, {...headers, 'Content-Type': type});
        res.end(body);
      };
      const delay = options.delayMs?.(path) ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    };
    if (path === '/__probe.js') return send(200, types['.js']!, PROBE_SCRIPT);
    const page = options.pages?.[path];
    if (page) return send(200, types['.html']!, html(page(origin)));
    let file: string | undefined;
    if (path.startsWith('/integrations/')) {
      const rel = path.slice('/integrations/'.length);
      file = fileUnder(integrations, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
    } else if (path.startsWith('/copy/')) {
      file = fileUnder(options.dist, path.slice('/copy/'.length));
    } else {
      file = fileUnder(options.dist, path.slice(1));
    }
    if (!file) return send(404, 'text/plain', 'not found');
    const type = types[extname(file)] ?? 'application/octet-stream';
    return send(200, type, type.startsWith('text/html') ? html(readFileSync(file, 'utf8')) : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The strict policy of issue 6: scripts and styles from 'self' only, connections only to the proxy. */
export function strictCsp(proxyUrl: string, sandboxUrl: string): (origin: string) => string {
  const proxyOrigin = new URL(proxyUrl).origin;
  const sandboxOrigin = new URL(sandboxUrl).origin;
  return () =>
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src 'self' ${sandboxOrigin}`,
      `connect-src ${proxyOrigin}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
}
