// English is the source of keys and argument shapes: every other language is typed against it.
import {offline} from '../../offline.js';

export const common = {
  retry: offline.retry,
  /** Heading over the safe list made from a problem's moreDetails. */
  supportedPairs: 'Supported coin and network pairs:',
  allowedOptions: 'Allowed:',
  /** What an order buys (upstream's brand and denomination) and for whom: the payment screen and the tracking. */
  buying: 'Your purchase',
  buyingFor: (item: string, account: string) => `${item}, for ${account}`,
  /** Two sentences in a row (a failure, then why): with the language's space between them, or none (Chinese). */
  sentences: (first: string, second: string) => `${first} ${second}`,
  /** A note after a word, in the language's brackets: "Amount (USD)", "USDC (paused)". */
  aside: (text: string, note: string) => `${text} (${note})`,
  /** A partial payment, with what is still missing: the payment screen and the tracking. */
  partial: (missing: string) => `Partial payment received: ${missing} is still missing.`,
  /** More than the price arrived (upstream's sent_coin_amount above coin_amount): the checkout and the tracking. */
  overpaid: (extra: string) => `You sent ${extra} more than the price. For the difference, contact support and quote your order ID.`,
  /** Where to pay: the payment screen, and the tracking after a partial payment. */
  /** Where money may have been sent for an order that did not go through: the tracking and the checkout. */
  failedHelp: 'If you sent a payment, contact support and quote your order ID: they will sort it out with you.',
  /** Past the payment window (upstream's clock), while upstream has not said so yet: the checkout and the tracking. */
  expired: 'The time to pay this order is over. Do not send any funds to this address.',
  /** The network an order is paid on (payment screen, tracking), and the checkout's network select. */
  onNetwork: 'Network',
  toAddress: 'To this address',
  copyAddress: 'Copy address',
  errors: {
    config: 'This widget is not set up on this page yet: nothing can be bought with it for now.',
    network: offline.network,
    timeout: 'The server took too long to answer. Please try again.',
    aborted: 'The request was cancelled.',
    'rate-limited': 'Too many requests right now. Please wait a moment and try again.',
    'http-5xx': 'The service is having trouble right now. Please try again shortly.',
    'not-found': 'We could not find what you asked for.',
    'http-4xx': 'The request was refused.',
    'bad-response': 'The server sent an answer we could not read. Please try again.',
    'invalid-request': 'Something in this request is not valid.',
    problems: 'The order cannot be placed as it is.',
    'unknown-problem': 'The order cannot be placed as it is. Please change it or try again later.',
    'outcome-unknown': 'We could not confirm whether your order was created. Check your e-mail for a confirmation before you buy again.',
  },
  problems: {
    AMOUNT_LESS_THEN_MINIMUM_ALLOWED: 'The amount is below the minimum allowed.',
    MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED: 'The amount is above the maximum allowed per order.',
    PRODUCT_COUNT_EXCEEDED: 'There are too many products in this order.',
    MULTIPLE_LIMITED_PRODUCT_SAME_ORDER: 'This product can be bought only once per order.',
    DAILY_SPENDING_LIMIT_EXCEEDED: 'This order would go over the daily spending limit.',
    MONTHLY_SPENDING_LIMIT_EXCEEDED: 'This order would go over the monthly spending limit.',
    NOT_AVAILABLE_PRODUCT: 'This product is not available.',
    OUT_OF_STOCK: 'This product is out of stock.',
    NOT_ACTIVE: 'This product is not active at the moment.',
    INVALID_BENEFICIARY_ACCOUNT: 'The recipient (e-mail address or phone number) is not valid for this product.',
    INVALID_EMAIL_DOMAIN: 'This e-mail domain is not accepted. Please use another address.',
    NOT_ALLOWED_PAYMENT_VIA: 'This payment method is not allowed for this order.',
    UNSUPPORTED_PROTOCOL_COIN_COMBINATION: 'This coin cannot be paid on this network.',
    SUSPENDED_COIN: 'Payments in this coin are paused for now. Please choose another coin.',
    SUSPENDED_NETWORK: 'This network is paused for now. Please choose another network.',
    LOGIN_REQUIRED: 'This purchase needs a Cryptorefills account.',
    KYC_MISSING: 'This purchase needs identity verification.',
    FULLNAME_MISSING: 'Stablecoin payments on this network need a full name. Please choose another network.',
    COUPON_REQUIRES_LOGIN: 'This coupon needs a Cryptorefills account.',
    COUPON_NOT_FOUND: 'This coupon does not exist.',
    COUPON_NOT_ACTIVE: 'This coupon is not active.',
    COUPON_ALREADY_SPENT: 'This coupon has already been used.',
    COUPON_MAX_USAGE_REACHED: 'This coupon has reached its usage limit.',
    COUPON_EXPIRED: 'This coupon has expired.',
    COUPON_BELOW_MIN_AMOUNT: 'The order is below the minimum amount for this coupon.',
    COUPON_NOT_VALID_FOR_USER: 'This coupon is not valid for your account.',
    COUPON_NOT_VALID_FOR_CATEGORY: 'This coupon is not valid for this category.',
    COUPON_NOT_VALID_FOR_KIND: 'This coupon is not valid for this type of product.',
    COUPON_NOT_VALID_FOR_BRAND: 'This coupon is not valid for this brand.',
    COUPON_NOT_VALID_FOR_COUNTRY: 'This coupon is not valid in this country.',
    COUPON_NOT_VALID_FOR_STORE: 'This coupon is not valid in this store.',
  },
};
export type CommonMessages = typeof common;
