// Next.js (App Router) route handler: the proxy mounted at /api/cr in a Next.js app, so the widget uses
// proxy-url="/api/cr" (same origin as the shop). Copy to app/api/cr/[...path]/route.ts and, in your app, import from
// the package: `import {configFromEnv, createProxyHandler} from 'cryptorefills-checkout/proxy';` (this demo imports
// the source). Secrets come from the server environment (.env.local, never NEXT_PUBLIC_*): the same CR_* variables as
// `npm run proxy` (README, "Running it"), read by the same configFromEnv: CR_PARTNER_ID, CR_APP_VERSION,
// CR_ALLOWED_ORIGINS (your shop's origin: browsers send Origin on same-origin POSTs), CR_API_URL, the rate limits, ...
import {configFromEnv, createProxyHandler, type ProxyHandler} from '../../../../../../../src/proxy/handler.js';

// Node.js runtime (the fetch handler also runs on 'edge'); never cached or pre-rendered: every call goes upstream.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let handler: ProxyHandler | undefined;

/** Built on first use, so a missing variable fails the request (500, nothing leaked) and not `next build`. */
function proxy(): ProxyHandler {
  // The mount path is this file's place in app/, whatever CR_BASE_PATH says.
  handler ??= createProxyHandler({...configFromEnv(process.env), basePath: '/api/cr'});
  return handler;
}

/**
 * The caller's address, for the proxy's per-client limits and upstream's checks: the right-most X-Forwarded-For
 * entry, the one your host's own edge added. Vercel sets the header to the client's address alone; nginx
 * (`$proxy_add_x_forwarded_for`), load balancers and Heroku append to whatever the browser sent, so the entries
 * before the last are the browser's to choose. Behind two proxies of yours, take the entry the outer one added.
 */
function clientAddress(request: Request): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').map((entry) => entry.trim()).filter(Boolean);
  return forwarded?.at(-1) || request.headers.get('x-real-ip')?.trim() || undefined;
}

async function handle(request: Request): Promise<Response> {
  const address = clientAddress(request);
  return proxy()(request, address ? {clientAddress: address} : {});
}

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
