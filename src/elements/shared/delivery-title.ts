// What a delivery is called on screen ("Steam", "$20"): the same words on the payment screen, before paying, and in
// the tracking, once delivered. Upstream's own text (zod-validated, rendered as text, never as HTML).
import type {Delivery} from '../../api/schemas.js';

/** The brand (its family name first, as upstream's product pages say) and the denomination, localized when upstream localized it. */
export function deliveryTitle(delivery: Delivery): {name: string; amount: string} {
  const d = delivery.deliverable;
  return {name: (d.family || d.brand_name || '').trim(), amount: (d.localized_denomination || d.denomination || '').trim()};
}
