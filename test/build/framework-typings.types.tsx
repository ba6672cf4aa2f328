// Type-level checks of the React and Vue typings (src/frameworks/*) against the attributes and properties the README
// documents for each element: `npm test` runs tsc over this file (nothing here is executed).
import type {GlobalComponents} from 'vue';
import type {} from '../../src/frameworks/react.js';
import type {CrVueProps} from '../../src/frameworks/vue.js';

// Vue: every attribute is optional, as in HTML. vue-tsc checks a template's `<cr-checkout proxy-url="/api/cr" />`
// against the component's $props, so a required key there would be an error in every partner template.
type VueProps<K extends 'cr-brand-picker' | 'cr-checkout' | 'cr-order-status'> = InstanceType<GlobalComponents[K]>['$props'];
export const vueTemplates: [VueProps<'cr-brand-picker'>, VueProps<'cr-checkout'>, VueProps<'cr-order-status'>] = [
  {proxyUrl: '/api/cr', onCrBrandSelect: (e) => void e.detail.brand.family},
  {brand: 'Steam'},
  {},
];
export const vueProps: CrVueProps<'cr-checkout'> = {proxyUrl: '/api/cr'};
// @ts-expect-error: the theme is light or dark
export const vueWrong: VueProps<'cr-checkout'> = {theme: 'blue'};

// The tuning attributes the README documents (checkout: the two poll intervals; status: those, the reconnect delay,
// the hidden pause): as attributes, and in React also as the properties React 19 sets (`pollInterval={10_000}`).
export const reactTuning = (
  <>
    <cr-checkout proxy-url="/api/cr" brand="Steam" payment-poll-interval={2000} poll-interval="10000" pollInterval={10_000} paymentPollInterval={2000} />
    <cr-order-status
      order-id="x"
      orderId="x"
      reconnect-delay={500}
      reconnectDelay={500}
      poll-interval={10_000}
      pollInterval={10_000}
      payment-poll-interval={2000}
      paymentPollInterval={2000}
      hidden-pause="30000"
      hiddenPause={30_000}
    />
    {/* @ts-expect-error: the picker has no poll interval */}
    <cr-brand-picker pollInterval={5} />
    {/* @ts-expect-error: a property is a number of milliseconds (the element does not parse a string set on it) */}
    <cr-order-status reconnectDelay="500" />
  </>
);
export const vueTuning: [VueProps<'cr-checkout'>, VueProps<'cr-order-status'>] = [
  {pollInterval: 10_000, paymentPollInterval: '2000'},
  {reconnectDelay: 500, pollInterval: 10_000, paymentPollInterval: 2000, hiddenPause: '30000'},
];
