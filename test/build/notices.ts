// The licence notices of the third-party code the script-tag bundle holds, written beside it as
// THIRD-PARTY-NOTICES.txt (vite.config.ts). The bundle keeps no comments (a `@license` header would be repeated in
// every chunk a library reaches), but a partner who serves dist/*.js redistributes lit (BSD-3-Clause, whose notice
// must go with it), DOMPurify, zod and lean-qr: the notices go with the files instead. Read from the modules the
// bundle really holds, so a library added or dropped is listed or not without a hand-kept list.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, sep} from 'node:path';

/** The package directory of a module id inside node_modules (the last node_modules segment), else undefined. */
export function packageDirOf(moduleId: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = moduleId.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = moduleId.slice(at + marker.length).split(sep);
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  return join(moduleId.slice(0, at + marker.length), ...rest.slice(0, depth));
}

/** THIRD-PARTY-NOTICES.txt for the modules `moduleIds`: each package once, by name, with its licence files. */
export function thirdPartyNotices(moduleIds: Iterable<string>): string {
  const dirs = new Set<string>();
  for (const id of moduleIds) {
    const dir = packageDirOf(id.replace(/^\0/, '').split('?')[0]!);
    if (dir && existsSync(join(dir, 'package.json'))) dirs.add(dir);
  }
  const sections = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {name: string; version: string; license?: string};
      const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort();
      if (!files.length) throw new Error(`${pkg.name} ships no licence file to copy into THIRD-PARTY-NOTICES.txt`);
      const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
      return {name: pkg.name, text: [`${pkg.name} ${pkg.version}: ${pkg.license ?? 'see below'}`, ...texts].join('\n\n')};
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    'cryptorefills-checkout: the script-tag bundle (dist/*.js) holds code of these packages, under these licences.',
    ...sections.map((s) => s.text),
  ].join(`\n\n${'-'.repeat(80)}\n\n`) + '\n';
}
