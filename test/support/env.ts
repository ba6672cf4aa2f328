// What web-test-runner.config.mjs puts on every test page: the origins of the real proxy and sandbox it started.
export interface TestEnv {
  /** The reference proxy, in front of the sandbox (what elements get as proxy-url). */
  proxyUrl: string;
  /** The sandbox upstream itself (its /__sandbox/ controls). */
  sandboxUrl: string;
}

declare global {
  interface Window {
    __CR_TEST__?: TestEnv;
  }
}

function read(): TestEnv {
  const env = window.__CR_TEST__;
  if (!env?.proxyUrl || !env.sandboxUrl) throw new Error('window.__CR_TEST__ is missing: run through web-test-runner.config.mjs');
  return env;
}

export const env: TestEnv = read();
export const {proxyUrl, sandboxUrl} = env;
