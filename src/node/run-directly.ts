// Whether a server module is the script Node was started with (`npm run proxy`, `npm run sandbox`,
// `node node_modules/cryptorefills-checkout/dist/proxy/node.js`), for the proxy and the sandbox alike: server code
// only (the browser code never imports it).
import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/**
 * True when `moduleUrl` (the caller's `import.meta.url`) is the script being run. Compared by real path: a package
 * reached through a symlink (pnpm, `npm link`, workspaces) has its module URL resolved, but not argv[1].
 */
export function runsDirectly(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
