// Installing a missing tool from Debian's packages, as `npm test` promises on a fresh Debian machine run as root
// (Chromium for the browser tests, nginx for the nginx recipe). Anywhere else the caller says how to get it.
import {existsSync} from 'node:fs';
import {execFileSync} from 'node:child_process';

export function canInstallWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') &&
    existsSync('/usr/bin/apt-get');
}

let updated = false;

/** `apt-get install -y <pkg>`, noninteractive, with the package lists refreshed once per process. */
export function aptInstall(pkg: string): void {
  console.log(`Installing Debian's ${pkg} (apt-get install -y ${pkg})…`);
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  if (!updated) execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
  updated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], {stdio: 'inherit', env});
}
