// The three tags as data for typings: their attributes (CONTRACT.md) and the events each one fires, so the React
// and Vue typings (react.ts, vue.ts) derive their props from one table. Types only: nothing here reaches a bundle.
import type {BrandSelectDetail, ErrorDetail, OrderCreatedDetail, StatusChangeDetail} from '../events.js';
// Brings the elements' `HTMLElementTagNameMap` entries into any program that reads these typings.
import type * as _elements from '../define.js';

export type CrTagName = 'cr-brand-picker' | 'cr-checkout' | 'cr-order-status';

/** The element class behind a tag (HTMLElement until its module declares itself in HTMLElementTagNameMap). */
export type CrElementOf<K extends CrTagName> = K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement;

/** Attributes every element takes (CONTRACT.md), as written in HTML. */
export interface CrCommonAttributes {
  /** Base URL of the partner's proxy; other elements of the same store inherit it. */
  'proxy-url'?: string;
  /** ISO 3166-1 alpha-2, default `US`. */
  country?: string;
  /** One of `en es fr de it pt zh tr vi tl`; default from the page, else `en`. */
  lang?: string;
  /** Name of the shared store; default one per page. */
  store?: string;
  /** Forces a colour scheme; default follows the user's preference. */
  theme?: 'light' | 'dark';
}

/** Milliseconds: a number, or its digits as an HTML attribute has them. */
export type CrMillis = number | `${number}`;

/** How often an element that follows an order polls while its stream is down (README: both elements take them). */
export interface CrPollAttributes {
  /** Default 5000: while the order still awaits payment. */
  'payment-poll-interval'?: CrMillis;
  /** Default 30000: otherwise. */
  'poll-interval'?: CrMillis;
}

export interface CrAttributes {
  'cr-brand-picker': CrCommonAttributes;
  'cr-checkout': CrCommonAttributes & CrPollAttributes & {
    /** A brand's `brand` or `family`; default the brand picked in the store. */
    brand?: string;
  };
  'cr-order-status': CrCommonAttributes & CrPollAttributes & {
    /** The order to track; default the last order created in the store. */
    'order-id'?: string;
    /** Default 1000: the first reconnect delay, doubling to 30 000. */
    'reconnect-delay'?: CrMillis;
    /** Default 60000: after the page is hidden this long, connections and timers close until it is shown again. */
    'hidden-pause'?: CrMillis;
  };
}

/** The attributes as the elements' properties (`proxy-url` → `proxyUrl`), milliseconds as numbers. */
export type CrProperties<K extends CrTagName> = {
  [A in keyof CrAttributes[K] & string as Camel<A>]?: CrAttributes[K][A] extends CrMillis | undefined ? number : CrAttributes[K][A];
};

/** The `detail` of each event each element fires (all bubble and are composed). */
export interface CrEvents {
  'cr-brand-picker': {'cr-brand-select': BrandSelectDetail; 'cr-error': ErrorDetail};
  'cr-checkout': {'cr-order-created': OrderCreatedDetail; 'cr-error': ErrorDetail};
  'cr-order-status': {'cr-status-change': StatusChangeDetail; 'cr-error': ErrorDetail};
}

export type CrEventName<K extends CrTagName> = keyof CrEvents[K] & string;
export type CrEventOf<K extends CrTagName, E extends CrEventName<K>> = CustomEvent<CrEvents[K][E]>;

/** Kebab-case to camelCase at the type level (`proxy-url` → `proxyUrl`, `cr-brand-select` → `crBrandSelect`). */
export type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

export type {_elements as _CrElementsModule};
