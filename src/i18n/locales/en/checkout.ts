// Filled by the checkout element's author; English is the type source for the other languages.
export const checkout = {};
export type CheckoutMessages = typeof checkout;
