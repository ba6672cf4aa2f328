// Vue 3 typings: `import type {} from 'cryptorefills-checkout/vue'` registers the three tags in Vue's
// `GlobalComponents`, so Volar / vue-tsc check their attributes and `@cr-…` listeners in templates. At runtime Vue
// must treat them as native custom elements (no defineCustomElement: they are defined by our own bundle):
// `app.config.compilerOptions.isCustomElement = isCrElement` (runtime templates), or the same function under
// `template.compilerOptions` of @vitejs/plugin-vue (single-file components).
import type {DefineComponent} from 'vue';
import type {Camel, CrAttributes, CrEventName, CrEventOf, CrTagName} from './tags.js';

/**
 * Attributes as Vue props: `proxy-url` in a template is `proxyUrl` to the type checker. Each optional (`?`: a mapping
 * over `keyof … & string` does not keep the attributes' own), or vue-tsc asks for all of them in every template.
 */
export type CrVueAttributes<K extends CrTagName> = {[A in keyof CrAttributes[K] & string as Camel<A>]?: CrAttributes[K][A]};

/** `@cr-brand-select` in a template is the `onCrBrandSelect` prop; Vue listens for `cr-brand-select`. */
export type CrVueHandlers<K extends CrTagName> = {
  [E in CrEventName<K> as `on${Capitalize<Camel<E>>}`]?: (event: CrEventOf<K, E>) => void;
};

export type CrVueProps<K extends CrTagName> = CrVueAttributes<K> & CrVueHandlers<K>;

/** For `isCustomElement`: true for our tags, so Vue renders them as they are instead of resolving components. */
export const isCrElement = (tag: string): boolean => tag === 'cr-brand-picker' || tag === 'cr-checkout' || tag === 'cr-order-status';

declare module 'vue' {
  interface GlobalComponents {
    'cr-brand-picker': DefineComponent<CrVueProps<'cr-brand-picker'>>;
    'cr-checkout': DefineComponent<CrVueProps<'cr-checkout'>>;
    'cr-order-status': DefineComponent<CrVueProps<'cr-order-status'>>;
  }
}
