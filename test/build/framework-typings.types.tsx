// Type-level checks of the React and Vue typings (src/frameworks/*) against the attributes and properties the README
// documents for each element: `npm test` runs tsc over this file (nothing here is executed).
import type {GlobalComponents} from 'vue';
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
