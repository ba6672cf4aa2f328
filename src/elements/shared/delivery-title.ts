// What a delivery is called on screen ("Steam", "$20"), and what an order buys for whom ("Steam $20, for
// friend@example.com"): the same words on the payment screen and in the tracking. Upstream's own text
// (zod-validated, rendered as text, never as HTML).
import type {Delivery, Order} from '../../api/schemas.js';
import type {CommonMessages} from '../../i18n/locales/en/common.js';

/** The brand (its family name first, as upstream's product pages say) and the denomination, localized when upstream localized it. */
export function deliveryTitle(delivery: Delivery): {name: string; amount: string} {
  const d = delivery.deliverable;
  return {name: (d.family || d.brand_name || '').trim(), amount: (d.localized_denomination || d.denomination || '').trim()};
}

/**
 * One line per delivery of the order, so the buyer checks the product and, above all, the phone number or e-mail
 * before paying: a top-up sent to a mistyped number cannot be taken back.
 */
export function purchaseLines(order: Order, m: CommonMessages): string[] {
  return order.deliveries.flatMap((delivery) => {
    const {name, amount} = deliveryTitle(delivery);
    const item = [name, amount].filter(Boolean).join(' ');
    const account = delivery.deliverable.beneficiary_account?.trim();
    return item ? [account ? m.buyingFor(item, account) : item] : [];
  });
}
