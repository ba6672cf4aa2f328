// custom-elements-manifest analyzer config for `npm run build` (cem analyze --config test/build/cem.config.mjs).
// Our tags are registered by src/define.ts through a small `define(tag, Class)` helper (it skips tags that are taken,
// for pages that load us twice), which the analyzer cannot see through: this plugin reads those calls and marks each
// class as the custom element of its tag, with the `custom-element-definition` export tools look for.
// A tag's public class extends `lazyBody(…)` (src/elements/lazy-body.ts), which the analyzer cannot follow either: the
// plugin gives it what it really has once its body arrives, CrElement's attributes, members and custom properties
// (the common `--cr-*` theme) and the body's public members (`reload()`, `order`, …), each marked with where it comes
// from. Last, every module path is the file the package ships (dist/npm/…), not the source.
import {readFileSync} from 'node:fs';

const defineSource = readFileSync(new URL('../../src/define.ts', import.meta.url), 'utf8');
const tags = new Map([...defineSource.matchAll(/\bdefine\(\s*'([a-z][a-z0-9]*-[a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g)].map((m) => [m[2], m[1]]));

const BASE = {name: 'CrElement', module: 'src/elements/cr-element.ts'};

/** Adds what `from` declares (attributes, events, public members) to `to`, unless `to` has one of that name. */
function inherit(to, from, source) {
  for (const key of ['attributes', 'events', 'members', 'cssProperties', 'cssParts']) {
    const own = new Set((to[key] ?? []).map((item) => item.name));
    const wanted = (from[key] ?? []).filter(
      (item) => !own.has(item.name) && item.privacy !== 'private' && item.privacy !== 'protected' && item.name !== 'initBody',
    );
    if (wanted.length) to[key] = [...(to[key] ?? []), ...wanted.map((item) => ({...item, inheritedFrom: item.inheritedFrom ?? source}))];
  }
}

const tagsFromDefine = {
  name: 'cr-tags-from-define',
  packageLinkPhase({customElementsManifest}) {
    const modules = customElementsManifest.modules;
    const classIn = (path, name) => modules.find((m) => m.path === path)?.declarations?.find((d) => d.kind === 'class' && (!name || d.name === name));
    for (const mod of modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.kind !== 'class' || !tags.has(declaration.name) || declaration.superclass?.name) continue;
        const bodyPath = mod.path.replace(/\.ts$/, '-body.ts');
        const body = classIn(bodyPath);
        if (body) inherit(declaration, body, {name: body.name, module: bodyPath});
        inherit(declaration, classIn(BASE.module, BASE.name) ?? {}, BASE);
        declaration.superclass = BASE;
      }
    }
    for (const mod of modules) {
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

/**
 * `src/x.ts` as the package ships it: `dist/npm/x.js` (the sources are not in the package). A superclass imported
 * from another module is named by the analyzer as `/src/x.js`, the import's own spelling.
 */
const shipped = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/npm/$1.js');

/** Every module path and reference in the manifest, pointed at the shipped file: tools open and import those. */
const shippedPaths = {
  name: 'cr-shipped-paths',
  packageLinkPhase({customElementsManifest}) {
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
        else visit(value);
      }
    };
    visit(customElementsManifest.modules);
  },
};

export default {
  globs: ['src/elements/**/*.ts'],
  // decorate.ts is the script-tag build's decorator helper (vite.config.ts), which the npm build does not ship.
  exclude: ['src/**/*.styles.ts', 'src/elements/decorate.ts'],
  litelement: true,
  // In this order: the tags are found by their source paths, then every path becomes the shipped one.
  plugins: [tagsFromDefine, shippedPaths],
};
