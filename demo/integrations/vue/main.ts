// Vue 3 host page. No defineCustomElement and no wrappers: our bundle defines the tags, Vue is told they are native
// custom elements (isCustomElement), and the handlers are typed from the package's Vue typings. In your app:
//   import 'cryptorefills-checkout/define';
//   import {isCrElement, type CrVueProps} from 'cryptorefills-checkout/vue';
// With single-file components, pass isCrElement to @vitejs/plugin-vue instead:
//   vue({template: {compilerOptions: {isCustomElement: isCrElement}}})
import '../../../src/define.js';
import {computed, createApp, ref} from 'vue';
import {isCrElement, type CrVueProps} from '../../../src/frameworks/vue.js';
import type {Phase} from '../../../src/upstream/states.js';

const root = document.getElementById('app')!;

const app = createApp({
  setup() {
    const brand = ref<string>();
    const orderId = ref<string>();
    const phase = ref<Phase>();
    const dark = ref(false);
    const onBrandSelect: CrVueProps<'cr-brand-picker'>['onCrBrandSelect'] = (e) => {
      brand.value = e.detail.brand.family;
    };
    const onOrderCreated: CrVueProps<'cr-checkout'>['onCrOrderCreated'] = (e) => {
      orderId.value = e.detail.order.order_id;
    };
    const onStatusChange: CrVueProps<'cr-order-status'>['onCrStatusChange'] = (e) => {
      phase.value = e.detail.phase;
    };
    return {
      proxyUrl: root.dataset['proxyUrl'] ?? '/api/cr',
      brand, orderId, phase, dark,
      theme: computed(() => (dark.value ? 'dark' : 'light')),
      onBrandSelect, onOrderCreated, onStatusChange,
    };
  },
});
app.config.compilerOptions.isCustomElement = isCrElement;
app.mount(root);
