// The only browser module with side effects: registers the elements. A host page may load us twice (two bundles,
// a re-injected script), so a tag that is taken already is skipped instead of throwing.
import {CrBrandPicker} from './elements/cr-brand-picker/cr-brand-picker.js';
import {CrCheckout} from './elements/cr-checkout/cr-checkout.js'; // <cr-checkout> (issue 4)
import {CrOrderStatus} from './elements/cr-order-status/cr-order-status.js'; // <cr-order-status> (issue 5)

export * from './index.js';

function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('cr-brand-picker', CrBrandPicker);
define('cr-order-status', CrOrderStatus);
define('cr-checkout', CrCheckout);
