// nginx for the test of the nginx recipe (demo/integrations/nginx): found on the usual paths or NGINX_PATH, installed
// from Debian's packages when `npm test` runs as root on Debian, else one line on how to get it.
import {existsSync} from 'node:fs';
import {aptInstall, canInstallWithApt} from './debian.js';

export const howToGetNginx = 'No nginx found: install it (Debian/Ubuntu: `sudo apt-get install -y nginx-light`) or set NGINX_PATH to its executable.';

function findNginx(): string | undefined {
  const fromEnv = process.env['NGINX_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx'].find((p) => existsSync(p));
}

export function ensureNginx(): string {
  const found = findNginx();
  if (found) return found;
  if (!process.env['NGINX_PATH'] && canInstallWithApt()) {
    aptInstall('nginx-light');
    const installed = findNginx();
    if (installed) return installed;
  }
  throw new Error(howToGetNginx);
}
