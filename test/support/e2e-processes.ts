// The sandbox upstream and the reference proxy as real child processes, started exactly as a partner would
// (`npm run sandbox`, `npm run proxy`, configured by environment), so the e2e tests cover the scripts, the env
// parsing and a proxy that can be killed and restarted mid-order. Each child runs in its own process group
// (npm → sh → tsx → node), which is ended by its id, never by name.
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {freePort} from './free-port.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** How long a child may take to print its URL (npm + tsx start-up on a slow, busy 2-core machine). */
const START_TIMEOUT_MS = 30_000;
/** How long a child may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 5_000;

export interface ChildServer {
  /** The URL the child printed (no trailing slash). */
  url: string;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Ends the whole process group; resolves once the child has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Every child still running, so a failing test can still end them all (see stopAllChildren). */
const running = new Set<ChildServer>();

function startChild(script: 'sandbox' | 'proxy', env: Record<string, string>, ready: RegExp): Promise<ChildServer> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', script], {
    cwd: root,
    env: {...process.env, ...env, NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npm, sh, tsx and node together
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let stopping: Promise<void> | undefined;
  const server: ChildServer = {
    url: '',
    output: () => output,
    stop() {
      stopping ??= (async () => {
        running.delete(server);
        if (!exited) {
          signalGroup('SIGTERM');
          const timer = setTimeout(() => signalGroup('SIGKILL'), STOP_TIMEOUT_MS);
          await exit;
          clearTimeout(timer);
        }
        // tsx's node grandchild may outlive npm for a moment: make sure the group is gone, port included.
        signalGroup('SIGKILL');
      })();
      return stopping;
    },
  };
  running.add(server);
  return new Promise<ChildServer>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void server.stop().then(() => reject(new Error(`npm run ${script}: ${why}\n${output}`)));
    };
    const timer = setTimeout(() => fail(`no URL printed within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = ready.exec(output);
      if (match && !server.url) {
        clearTimeout(timer);
        server.url = match[1]!.replace(/\/+$/, '');
        resolve(server);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exit.then(() => {
      if (!server.url) fail(`exited with ${child.exitCode ?? child.signalCode}`);
    });
  });
}

/** `npm run sandbox` on a free port (SANDBOX_PORT=0). */
export function startSandboxProcess(env: Record<string, string> = {}): Promise<ChildServer> {
  return startChild('sandbox', {SANDBOX_PORT: '0', ...env}, /Sandbox upstream listening on (http:\/\/\S+)/);
}

export interface ProxyProcessOptions {
  /** The fixed port (a restarted proxy must come back where the page expects it). */
  port: number;
  apiUrl: string;
  partnerId: string;
  allowedOrigins: string[];
  env?: Record<string, string>;
}

/** `npm run proxy` with PORT, CR_API_URL, CR_PARTNER_ID and CR_ALLOWED_ORIGINS. */
export function startProxyProcess(opts: ProxyProcessOptions): Promise<ChildServer> {
  return startChild(
    'proxy',
    {
      PORT: String(opts.port),
      CR_API_URL: opts.apiUrl,
      CR_PARTNER_ID: opts.partnerId,
      CR_ALLOWED_ORIGINS: opts.allowedOrigins.join(','),
      ...opts.env,
    },
    /Cryptorefills proxy on (http:\/\/\S+)/,
  );
}

/** Ends every child started by this module that is still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

/** The sandbox and a proxy in front of it, with the proxy restartable on its port. */
export interface Stack {
  sandbox: ChildServer;
  proxy: ChildServer;
  proxyUrl: string;
  sandboxUrl: string;
  partnerId: string;
  /** Kills the proxy process and starts a new one on the same port (same configuration). */
  restartProxy(): Promise<void>;
  /** Only the proxy down (to test an unreachable proxy); startProxy brings it back. */
  stopProxy(): Promise<void>;
  startProxy(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(opts: {partnerId: string; allowedOrigins: string[]; proxyEnv?: Record<string, string>}): Promise<Stack> {
  // Both ports chosen up front, so the two children start side by side (npm + tsx start-up is most of the time).
  const [sandboxPort, port] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${sandboxPort}`;
  const proxyOptions = {port, apiUrl, partnerId: opts.partnerId, allowedOrigins: opts.allowedOrigins, env: opts.proxyEnv ?? {}};
  const [sandboxStart, proxyStart] = await Promise.allSettled([
    startSandboxProcess({SANDBOX_PORT: String(sandboxPort)}),
    startProxyProcess(proxyOptions),
  ]);
  if (sandboxStart.status === 'rejected' || proxyStart.status === 'rejected') {
    await Promise.allSettled([sandboxStart, proxyStart].map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw (sandboxStart.status === 'rejected' ? sandboxStart.reason : (proxyStart as PromiseRejectedResult).reason) as Error;
  }
  const sandbox = sandboxStart.value;
  const proxy = proxyStart.value;
  const stack: Stack = {
    sandbox,
    proxy,
    proxyUrl: proxy.url,
    sandboxUrl: sandbox.url,
    partnerId: opts.partnerId,
    async stopProxy() {
      await stack.proxy.stop();
    },
    async startProxy() {
      stack.proxy = await startProxyProcess(proxyOptions);
    },
    async restartProxy() {
      await stack.stopProxy();
      await stack.startProxy();
    },
    async stop() {
      await Promise.all([stack.proxy.stop(), sandbox.stop()]);
    },
  };
  return stack;
}
