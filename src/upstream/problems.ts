// Every problem code UPSTREAM.md documents, grouped by the form field it concerns, so the sandbox can produce each
// one and the widget can place each message next to the right field. Pure data, shared by browser and server code.

export const PROBLEM_FIELDS = {
  // order amount and limits: about the amount
  AMOUNT_LESS_THEN_MINIMUM_ALLOWED: 'amount', // (sic) upstream's spelling
  MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED: 'amount',
  PRODUCT_COUNT_EXCEEDED: 'amount',
  MULTIPLE_LIMITED_PRODUCT_SAME_ORDER: 'amount',
  DAILY_SPENDING_LIMIT_EXCEEDED: 'amount',
  MONTHLY_SPENDING_LIMIT_EXCEEDED: 'amount',
  // product
  NOT_AVAILABLE_PRODUCT: 'product',
  OUT_OF_STOCK: 'product',
  NOT_ACTIVE: 'product',
  // input
  INVALID_BENEFICIARY_ACCOUNT: 'beneficiary',
  INVALID_EMAIL_DOMAIN: 'email',
  // payment
  NOT_ALLOWED_PAYMENT_VIA: 'payment',
  UNSUPPORTED_PROTOCOL_COIN_COMBINATION: 'payment',
  SUSPENDED_COIN: 'payment',
  SUSPENDED_NETWORK: 'payment',
  // identity
  LOGIN_REQUIRED: 'form',
  KYC_MISSING: 'form',
  FULLNAME_MISSING: 'payment', // stablecoins on Tron
  // coupons
  COUPON_REQUIRES_LOGIN: 'coupon',
  COUPON_NOT_FOUND: 'coupon',
  COUPON_NOT_ACTIVE: 'coupon',
  COUPON_ALREADY_SPENT: 'coupon',
  COUPON_MAX_USAGE_REACHED: 'coupon',
  COUPON_EXPIRED: 'coupon',
  COUPON_BELOW_MIN_AMOUNT: 'coupon',
  COUPON_NOT_VALID_FOR_USER: 'coupon',
  COUPON_NOT_VALID_FOR_CATEGORY: 'coupon',
  COUPON_NOT_VALID_FOR_KIND: 'coupon',
  COUPON_NOT_VALID_FOR_BRAND: 'coupon',
  COUPON_NOT_VALID_FOR_COUNTRY: 'coupon',
  COUPON_NOT_VALID_FOR_STORE: 'coupon',
} as const;

export type ProblemCode = keyof typeof PROBLEM_FIELDS;
export type ProblemField = (typeof PROBLEM_FIELDS)[ProblemCode];

/** Codes that come in a Validation's `problems` array (the rest come as HTTP-level `status`/`detail`). */
export const VALIDATION_PROBLEM_CODES = /* @__PURE__ */ (Object.keys(PROBLEM_FIELDS) as ProblemCode[]).filter(
  (code) => code !== 'SUSPENDED_COIN' && code !== 'SUSPENDED_NETWORK',
);

/** HTTP-level error codes: `{ status: "SUSPENDED_COIN" | "SUSPENDED_NETWORK", detail }` and `422 { detail: "LOGIN_REQUIRED" }`. */
export const HTTP_PROBLEM_CODES = ['SUSPENDED_COIN', 'SUSPENDED_NETWORK', 'LOGIN_REQUIRED'] as const;

/** Shape of any upstream problem code, known or not: unknown ones get a generic message. */
export const PROBLEM_CODE_SHAPE = /^[A-Z][A-Z0-9_]+$/;

export function isKnownProblem(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_FIELDS, code);
}
