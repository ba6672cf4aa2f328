// Next.js (App Router) route handler: the proxy mounted at /api/cr in a Next.js app, so the widget uses
// proxy-url="/api/cr" (same origin as the shop). Copy to app/api/cr/[...path]/route.ts and, in your app, import from
// the package: `import {configFromEnv, createProxyHandler} from 'cryptorefills-checkout/proxy';` (this demo imports
// the source). Secrets come from the server environment (.env.local, never NEXT_PUBLIC_*): the same CR_* variables as
// `npm run proxy` (README, "Running it"), read by the same configFromEnv: CR_PARTNER_ID, CR_APP_VERSION,
// CR_ALLOWED_ORIGINS (your shop's origin: browsers send Origin on same-origin POSTs), CR_API_URL, the rate limits, ...
import {configFromEnv, consoleLog, createProxyHandler, type ProxyHandler} from '../../../../../../../src/proxy/handler.js';

// Node.js runtime (the fetch handler also runs on 'edge'); never cached or pre-rendered: every call goes upstream.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let handler: ProxyHandler | undefined;

/** Built on first use, so a missing variable fails the request (500, nothing leaked) and not `next build`. */
function proxy(): ProxyHandler {
  // The mount path is this file's place in app/, whatever CR_BASE_PATH says.
  // What the operator must know (a refused origin, an unreachable upstream, rejected credentials) on the server's
  // console, as `npm run proxy` writes it; the handler keeps the partner id out of every line.
  handler ??= createProxyHandler({...configFromEnv(process.env), basePath: '/api/cr', log: consoleLog()});
  return handler;
}

/**
 * No client address is passed: a Request in Next.js has no socket address, and X-Forwarded-For is only the client's
 * where something trusted wrote it. Self-hosted `next start` sets it only when the browser sent none, so a browser
 * could pick its own address, dodge every per-client limit and have it forwarded upstream as the end user's. With
 * CR_TRUST_FORWARDED_FOR=1 (on Vercel, which sets the header to the client's address alone, or behind ONE proxy of
 * yours that appends to it, as nginx's `$proxy_add_x_forwarded_for` does) the proxy takes its right-most entry;
 * without it every caller shares one bucket and no X-Forwarded-For goes upstream: the safe failure.
 */
function handle(request: Request): Promise<Response> {
  return proxy()(request);
}

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
