// The proxy as an edge/worker fetch handler (Cloudflare Workers style: `export default {fetch}`). The widget uses
// proxy-url="https://<worker host>" (or a route such as https://shop.example/api/cr with basePath '/api/cr').
// In your worker, import from the package: `import {createProxyHandler} from 'cryptorefills-checkout/proxy';`
// (fetch-standard APIs only, no Node built-ins). Secrets: `wrangler secret put CR_PARTNER_ID`; the others as vars:
// the same CR_* variables as `npm run proxy`, read by the same configFromEnv (README, "Running it").
import {configFromEnv, consoleLog, createProxyHandler, type ProxyHandler} from '../../../src/proxy/handler.js';

/** The worker's vars and secrets (a type, not an interface, so it is a plain record configFromEnv can read). */
export type Env = {
  CR_PARTNER_ID: string;
  CR_APP_VERSION?: string;
  /** Comma list of the shop's origins. */
  CR_ALLOWED_ORIGINS?: string;
  CR_API_URL?: string;
  CR_BASE_PATH?: string;
  /** The other tuning variables of the README's table: CR_ORDER_RATE_LIMIT, CR_READ_RATE_LIMIT, ... */
  [name: `CR_${string}`]: string | undefined;
};

// One handler per isolate (its rate limits live in memory, per isolate), built from the first request's env.
let handler: ProxyHandler | undefined;

function proxyFor(env: Env): ProxyHandler {
  // What the operator must know (a refused origin, an unreachable upstream, rejected credentials) in the worker's log
  // (`wrangler tail`), as `npm run proxy` writes it; the handler keeps the partner id out of every line.
  handler ??= createProxyHandler({...configFromEnv(env), log: consoleLog()});
  return handler;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // Cloudflare sets CF-Connecting-IP from the TCP connection; a browser cannot forge it through Cloudflare.
    const address = request.headers.get('cf-connecting-ip') ?? undefined;
    return proxyFor(env)(request, address ? {clientAddress: address} : {});
  },
};
