// Installing a missing tool from Debian's packages, as `npm test` promises on a fresh Debian machine run as root
// (Chromium for the browser tests, nginx for the nginx recipe). Anywhere else the caller says how to get it.
import {accessSync, constants, existsSync, statSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {delimiter, join} from 'node:path';

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

export interface Tool {
  /** Environment variable that names the executable; when set, only it is tried. */
  envVar: string;
  /** Where the tool usually is. */
  paths: string[];
  /** Its command names, looked up on PATH after the usual paths (a Homebrew, Nix or /opt install). */
  commands: string[];
  /** Debian's package for it. */
  pkg: string;
  /** One line saying how to get it, for machines where it cannot be installed here. */
  hint: string;
}

/** The first of `commands` found as an executable file in a directory of `pathVariable` (PATH's format). */
export function onPath(commands: string[], pathVariable = process.env.PATH ?? ''): string | undefined {
  const dirs = pathVariable.split(delimiter).filter(Boolean);
  for (const command of commands) {
    for (const dir of dirs) {
      const candidate = join(dir, command);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not there, or not executable: the next directory.
      }
    }
  }
  return undefined;
}

/**
 * The tool's executable: from its variable, the usual paths or PATH, else installed from Debian's packages where
 * that is possible.
 */
export function ensureTool(tool: Tool): string {
  const find = (): string | undefined => {
    const fromEnv = process.env[tool.envVar];
    if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
    return tool.paths.find((p) => existsSync(p)) ?? onPath(tool.commands);
  };
  const found = find();
  if (found) return found;
  if (!process.env[tool.envVar] && canInstallWithApt()) {
    aptInstall(tool.pkg);
    const installed = find();
    if (installed) return installed;
  }
  throw new Error(tool.hint);
}
