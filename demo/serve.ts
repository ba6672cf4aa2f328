// `npm start`: the whole flow offline. Starts the sandbox upstream (auto-pilot on, so a paid order completes by
// itself), the reference proxy in front of it, and the demo page (Vite dev server), then prints the page's URL.
// No partner id and no network are needed: the proxy talks only to the local sandbox.
import {fileURLToPath} from 'node:url';
import {createServer} from 'vite';
import {startSandbox} from '../src/sandbox/server.js';
import {startProxy} from '../src/proxy/server.js';

const host = process.env['HOST'] ?? '127.0.0.1';
// Listening on every address (a container, a VM), the URLs the page is given must still name one the browser can
// reach, and the proxy must allow the page's origin: this machine's loopback unless DEMO_PUBLIC_HOST names another.
const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
const publicHost = process.env['DEMO_PUBLIC_HOST'] || (wildcard ? '127.0.0.1' : host);
const demoPort = Number(process.env['DEMO_PORT'] ?? 5173);
const proxyPort = Number(process.env['PORT'] ?? 8787);
const sandboxPort = Number(process.env['SANDBOX_PORT'] ?? 8788);
const root = fileURLToPath(new URL('..', import.meta.url));

// The sandbox writes its own address into logo and asset URLs: the reachable one (it maps a wildcard to loopback).
const sandboxPublicUrl = process.env['DEMO_PUBLIC_HOST'] && sandboxPort ? {publicUrl: `http://${publicHost}:${sandboxPort}`} : {};
/** A port already taken is a newcomer's most likely first obstacle: say which variable moves it, not a stack trace. */
async function listening<T>(what: string, variable: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const taken = (error as {code?: string}).code === 'EADDRINUSE' || /already in use/i.test(String((error as Error).message));
    if (!taken) throw error;
    console.error(`npm start: the ${what} port ${port} is in use on ${host}; choose another with ${variable}=<port>${variable === 'DEMO_PORT' ? '' : ' (0: any free one)'}.`);
    process.exit(1);
  }
}

const sandbox = await listening('sandbox', 'SANDBOX_PORT', sandboxPort, () => startSandbox({port: sandboxPort, host, autopilot: true, ...sandboxPublicUrl}));
const demoOrigins = [...new Set([`http://${publicHost}:${demoPort}`, `http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`])];
const proxy = await listening('proxy', 'PORT', proxyPort, () => startProxy(
  {apiUrl: sandbox.url, partnerId: 'demo-partner', appVersion: 'demo', allowedOrigins: demoOrigins},
  {port: proxyPort, host},
));

// The page learns where the proxy and the sandbox controls are through Vite's %VITE_*% HTML replacement,
// so the ports stay configurable without any inline script.
const reachable = (url: string) => (wildcard || publicHost !== host ? url.replace(`//${new URL(url).host}`, `//${publicHost}:${new URL(url).port}`) : url);
process.env['VITE_CR_PROXY_URL'] = reachable(proxy.url);
process.env['VITE_CR_SANDBOX_URL'] = reachable(sandbox.url);

const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: {host, port: demoPort, strictPort: true, fs: {allow: [root]}},
  logLevel: 'warn',
});
await listening('demo page', 'DEMO_PORT', demoPort, () => vite.listen());

console.log(`sandbox upstream  ${reachable(sandbox.url)}   (controls under ${reachable(sandbox.url)}/__sandbox/)`);
console.log(`reference proxy   ${reachable(proxy.url)}`);
console.log(`\nDemo page: http://${publicHost}:${demoPort}/${wildcard ? `   (listening on ${host}; from another machine, set DEMO_PUBLIC_HOST to this one's name)` : ''}\n`);

async function shutdown() {
  await vite.close();
  await proxy.close();
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
