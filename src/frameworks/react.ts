// React 19 typings: `import type {} from 'cryptorefills-checkout/react'` (or list it in tsconfig `types`) makes
// <cr-brand-picker>, <cr-checkout> and <cr-order-status> typed JSX intrinsic elements. React 19 passes custom
// element props through (attributes, or properties when the element has one) and turns `on<event-name>` props into
// addEventListener(<event-name>) calls, so `oncr-brand-select={(e) => e.detail.brand}` is the whole integration.
import type {DetailedHTMLProps, HTMLAttributes} from 'react';
import type {CrAttributes, CrElementOf, CrEventName, CrEventOf, CrProperties, CrTagName} from './tags.js';

/** `on<event-name>` props, exactly as React 19 maps them to addEventListener. */
export type CrReactHandlers<K extends CrTagName> = {
  [E in CrEventName<K> as `on${E}`]?: (event: CrEventOf<K, E>) => void;
};

/**
 * Everything a JSX element of tag K accepts: React's HTML props, the element's attributes (React 19 sets them as
 * attributes) or their properties (`pollInterval={5000}`: set as properties), and its events.
 */
export type CrReactProps<K extends CrTagName> = DetailedHTMLProps<HTMLAttributes<CrElementOf<K>>, CrElementOf<K>> &
  CrAttributes[K] &
  CrProperties<K> &
  CrReactHandlers<K>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'cr-brand-picker': CrReactProps<'cr-brand-picker'>;
      'cr-checkout': CrReactProps<'cr-checkout'>;
      'cr-order-status': CrReactProps<'cr-order-status'>;
    }
  }
}
