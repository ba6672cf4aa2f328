// nginx for the test of the nginx recipe (demo/integrations/nginx): found at NGINX_PATH or the usual paths, installed
// from Debian's packages when `npm test` runs as root on Debian, else one line on how to get it.
import {ensureTool} from './debian.js';

export const howToGetNginx = 'No nginx found: install it (Debian/Ubuntu: `sudo apt-get install -y nginx-light`) or set NGINX_PATH to its executable.';

export function ensureNginx(): string {
  return ensureTool({
    envVar: 'NGINX_PATH',
    paths: ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx'],
    commands: ['nginx'],
    pkg: 'nginx-light',
    hint: howToGetNginx,
  });
}
