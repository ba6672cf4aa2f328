// English is the source of keys and argument shapes for the checkout; every other language is typed against it.
// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const checkout = {
  /** Accessible name of the whole checkout. */
  label: 'Checkout',
  chooseBrand: 'Choose a brand to buy.',
  loadingProducts: 'Loading products…',
  loadFailed: 'The products could not be loaded.',
  noProducts: 'This brand has nothing for sale here right now.',
  outOfStock: 'Out of stock',
  // ---- amount ----
  amount: 'Amount',
  /** Range products: the allowed span, e.g. "Between $50.00 and $500.00". */
  amountRange: (min: string, max: string) => `Between ${min} and ${max}`,
  /** A non-binding live price: "≈ 101.48 USDC". */
  quote: (coinAmount: string) => `≈ ${coinAmount}`,
  quoteLoading: 'Getting the price…',
  quoteNote: 'Estimate; the exact amount is fixed when the order is created.',
  // ---- recipient ----
  beneficiaryEmail: 'Recipient e-mail',
  beneficiaryEmailHint: 'Where the code is sent. Leave empty to use your own e-mail.',
  beneficiaryPhone: 'Phone number to top up',
  beneficiaryPhoneHint: (callingCode: string) => `With or without +${callingCode}; spaces and dashes are fine.`,
  email: 'Your e-mail',
  emailHint: 'For the receipt and the order status.',
  promoCode: 'Promo code (optional)',
  // ---- payment ----
  payWith: 'Pay with',
  coin: 'Coin',
  suspended: 'paused',
  suspendedCoinHint: 'Coins and networks marked “paused” cannot be used right now.',
  pay: 'Continue to payment',
  paying: 'Creating your order…',
  validating: 'Checking your order…',
  // ---- details ----
  about: 'About this brand',
  howToRedeem: 'How to redeem',
  terms: 'Terms and conditions',
  // ---- client-side validation ----
  invalid: {
    amountRequired: 'Enter an amount.',
    amountNumber: 'Enter the amount as a number without thousands separators, for example 1000.',
    amountMin: (min: string) => `The amount must be at least ${min}.`,
    amountMax: (max: string) => `The amount must be at most ${max}.`,
    amountStep: (step: string) => `The amount must go in steps of ${step}.`,
    productRequired: 'Choose an amount.',
    emailRequired: 'Enter your e-mail address.',
    email: 'Enter an e-mail address like name@example.com.',
    beneficiaryEmail: 'Enter the recipient’s e-mail address like name@example.com.',
    phoneRequired: 'Enter the phone number to top up.',
    phone: 'Enter a phone number with its country code, for example +1 415 555 1234.',
    coinRequired: 'Choose a coin.',
    networkRequired: 'Choose a network.',
    /** Announced after a failed submit. */
    summary: (count: number) => (one(count) ? 'One field needs your attention.' : `${count} fields need your attention.`),
  },
  // ---- order creation outcome ----
  unknownOutcome:
    'We lost the connection while creating your order, so we do not know whether it was created. Check your e-mail for an order confirmation before you try again.',
  checkAgain: 'Check again',
  checking: 'Checking whether your order was created…',
  startOver: 'Start over',
  stillUnknown: 'Still no answer about that order. If you receive a confirmation e-mail, do not pay twice.',
  waitingOtherTab: 'This order is being created in another tab; waiting for it…',
  resuming: 'Resuming your order…',
  resumeFailed: 'Your order could not be loaded.',
  // ---- payment screen ----
  paymentTitle: 'Complete your payment',
  sendExactly: 'Send exactly',
  /** The warning above the address. */
  warning: (amount: string, network: string) =>
    `Send exactly ${amount} on the ${network} network. Another amount or another network may lose your funds.`,
  copyAmount: 'Copy amount',
  copied: 'Copied',
  /** Announced (live region) after a copy. */
  copiedAmount: 'Amount copied to the clipboard.',
  copiedAddress: 'Address copied to the clipboard.',
  copyFailed: 'Could not copy; select the text and copy it by hand.',
  qrLabel: (amount: string) => `QR code to pay ${amount}`,
  openInWallet: 'Open in wallet',
  /** Labels, with their language's colon (and space) before what they label. */
  timeLeft: 'Time left: ',
  /** Announced at thresholds only. */
  minutesLeft: (minutes: number) => (one(minutes) ? '1 minute left to pay.' : `${minutes} minutes left to pay.`),
  orderId: 'Order: ',
  paymentReceived: 'Payment received. Your order is being delivered.',
  completed: 'Payment received and order delivered.',
  failed: 'This order did not go through.',
  review: 'This order is being reviewed by support. This may take a few hours.',
  newPurchase: 'New purchase',
  /** Asked before leaving an order that may still be paid ("New purchase" on the payment screen). */
  leaveOrder: 'Leave this order for a new purchase? Do not send its payment afterwards: this page would no longer follow it.',
  leaveOrderYes: 'Yes, new purchase',
  keepOrder: 'Keep this order',
};
export type CheckoutMessages = typeof checkout;
