// custom-elements-manifest analyzer config for `npm run build` (cem analyze --config test/build/cem.config.mjs).
// Our tags are registered by src/define.ts through a small `define(tag, Class)` helper (it skips tags that are taken,
// for pages that load us twice), which the analyzer cannot see through: this plugin reads those calls and marks each
// class as the custom element of its tag, with the `custom-element-definition` export tools look for.
import {readFileSync} from 'node:fs';

const defineSource = readFileSync(new URL('../../src/define.ts', import.meta.url), 'utf8');
const tags = new Map([...defineSource.matchAll(/\bdefine\(\s*'([a-z][a-z0-9]*-[a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g)].map((m) => [m[2], m[1]]));

const tagsFromDefine = {
  name: 'cr-tags-from-define',
  packageLinkPhase({customElementsManifest}) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        const tag = tags.get(declaration.name);
        if (declaration.kind !== 'class' || !tag) continue;
        declaration.customElement = true;
        declaration.tagName = tag;
        mod.exports ??= [];
        if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
          mod.exports.push({kind: 'custom-element-definition', name: tag, declaration: {name: declaration.name, module: mod.path}});
        }
      }
    }
  },
};

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  plugins: [tagsFromDefine],
};
