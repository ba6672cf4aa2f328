// The only browser module with side effects: registers the elements. A host page may load us twice (two bundles,
// a re-injected script), so a tag that is taken already is skipped instead of throwing.
import {CrBrandPicker} from './elements/cr-brand-picker/cr-brand-picker.js';
import {CrCheckout} from './elements/cr-checkout/cr-checkout.js'; // <cr-checkout> (issue 4)
import {CrOrderStatus} from './elements/cr-order-status/cr-order-status.js'; // <cr-order-status> (issue 5)

// The classes, for a page that wants them from the script tag; the rest of the API (client, store, helpers) is the
// package's (index.ts): re-exporting it here would put zod and the API client in the script-tag entry.
export {CrBrandPicker, CrCheckout, CrOrderStatus};
export * from './events.js';

function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('cr-brand-picker', CrBrandPicker);
define('cr-order-status', CrOrderStatus);
define('cr-checkout', CrCheckout);
