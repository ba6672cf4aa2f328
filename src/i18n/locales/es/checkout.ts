import type {CheckoutMessages} from '../en/checkout.js';

export const checkout: CheckoutMessages = {};
