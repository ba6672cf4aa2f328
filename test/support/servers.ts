// Starts the real sandbox upstream and the real reference proxy in front of it, on free loopback ports,
// for the browser tests, the e2e run and the bench. Nothing here is a stub: the browser talks to the proxy,
// the proxy to the sandbox, exactly as in `npm start`.
import {startSandbox} from '../../src/sandbox/server.js';
import {startProxy} from '../../src/proxy/server.js';

export const TEST_PARTNER_ID = 'test-partner-secret-7f3a';

export interface TestServers {
  sandboxUrl: string;
  proxyUrl: string;
  close(): Promise<void>;
}

export async function startTestServers(allowedOrigins: string[]): Promise<TestServers> {
  const sandbox = await startSandbox({port: 0, host: '127.0.0.1'});
  const proxy = await startProxy(
    {
      apiUrl: sandbox.url,
      partnerId: TEST_PARTNER_ID,
      appVersion: 'test',
      allowedOrigins,
    },
    {port: 0, host: '127.0.0.1'},
  );
  return {
    sandboxUrl: sandbox.url,
    proxyUrl: proxy.url,
    async close() {
      await proxy.close();
      await sandbox.close();
    },
  };
}
