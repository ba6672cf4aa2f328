// The upstream's shapes (UPSTREAM.md), parsed at the api/ edge and nowhere else. Strict about what the widget
// needs (an order id, a wallet address, a positive coin amount, a network, a coin), tolerant of everything else:
// unknown keys pass through (looseObject), amounts come as `"1.5"` or `1.5` and leave as a decimal STRING,
// enum-like values (state, kind, category, delivery_type) are plain strings so a new value is never a crash,
// optional fields may be missing or null. `zod/mini` because every KiB here is paid by every partner page
// (about 10 KiB gz against 25 for the full API, TOOLCHAIN.md).
import * as z from 'zod/mini';
import * as json from './json.js';
import {ORDER_ID} from '../upstream/endpoints.js';
import type {KnownOrderState, KnownPaymentState} from '../upstream/states.js';
import {isPositiveDecimal, toDecimalString} from './decimal.js';

/** A known value with autocompletion, or any other string upstream may invent. */
export type Open<T extends string> = T | (string & {});

/**
 * A string or a number, as z.union([z.string(), z.number()]) takes them (z.number() refuses NaN and ±Infinity): a
 * refine, so the bundle does without zod's union part (about 0.25 KiB gzipped).
 */
const stringOrNumber = z.custom<string | number>((value) => typeof value === 'string' || Number.isFinite(value));

/** `"1.5"` or `1.5` → `"1.5"`: a decimal string, never a float. */
export const decimal = z.pipe(
  stringOrNumber,
  z.transform((value: string | number, ctx) => {
    const text = toDecimalString(value);
    if (text === undefined) {
      ctx.issues.push({code: 'custom', message: 'expected a decimal amount', input: value});
      return z.NEVER;
    }
    return text;
  }),
);

/** A decimal string greater than zero (an amount the user is asked to pay). */
export const positiveDecimal = z.pipe(
  decimal,
  json.string.check(z.refine((text) => isPositiveDecimal(text), 'expected a positive amount')),
);

const Money = z.looseObject({amount: decimal, currency: z.nullish(json.string)});

/**
 * Either a decimal or `{amount, currency}` (seen in face_value ranges) → the decimal string. Each is tried in turn,
 * as z.union would, and a value that is neither fails here as one issue (without zod's union part in the bundle).
 */
const decimalOrMoney = z.transform((value: unknown, ctx): string => {
  const plain = z.safeParse(decimal, value);
  if (plain.success) return plain.data;
  const money = z.safeParse(Money, value);
  if (money.success) return money.data.amount;
  ctx.issues.push({code: 'custom', message: 'expected a decimal or {amount, currency}', input: value});
  return z.NEVER;
});

// Checked with refine, not z.minLength or z.regex: the same checks without two more zod parts in the bundle.
const nonEmpty = json.string.check(z.refine((value) => value.length > 0));
/** A string that matches `pattern` (a whole-string pattern: anchored). */
export const matching = (pattern: RegExp) => json.string.check(z.refine((value) => pattern.test(value)));
/**
 * An address (or a Lightning invoice) as a wallet takes it: without the spaces or newline upstream may leave around
 * it, which "Copy address" and the QR code would carry; one with a space or an invisible character inside is no address.
 */
const address = z.pipe(z.pipe(json.string, z.transform((value: string) => value.trim())), matching(/^[^\s\p{Cc}\p{Cf}]+$/u));
/** What was sent: a negative amount says nothing, as if left out (keepSent then holds what was known). */
const sentAmount = z.nullish(z.pipe(decimal, z.transform((value: string) => (value.startsWith('-') ? undefined : value))));
const text = z.nullish(json.string);
/**
 * `schema`, or `fallback` where upstream leaves the field out or sends null (z._default would take undefined alone,
 * and costs one more zod part in the bundle).
 */
const orDefault = <T extends z.ZodMiniType>(schema: T, fallback: z.output<T>) =>
  z.pipe(z.nullish(schema), z.transform((value): z.output<T> => value ?? fallback));
const flag = z.nullish(json.boolean);

/**
 * Epoch seconds from `"1787679708"`, `1787679708`, a millisecond epoch or an ISO date; undefined when it cannot be
 * read (the payment window then cannot be shown, but the order still can).
 */
export const epochSeconds = z.pipe(
  z.nullish(stringOrNumber),
  z.transform((value): number | undefined => {
    if (value === null || value === undefined || value === '') return undefined;
    const n = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Date.parse(value) / 1000;
    if (!Number.isFinite(n) || n <= 0) return undefined;
    // Twelve or more digits cannot be seconds (that is year 33658): milliseconds.
    return n >= 1e11 ? Math.floor(n / 1000) : Math.floor(n);
  }),
);

/**
 * An array that keeps the entries that parse and drops the rest, for long lists (2,000 brands) where one broken
 * entry must not cost the user all the others. Still fails when the value is not an array at all.
 */
function lenientArray<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((entries) => {
      const kept: z.output<T>[] = [];
      for (const entry of entries) {
        const result = z.safeParse(item, entry);
        if (result.success) kept.push(result.data as z.output<T>);
      }
      return kept;
    }),
  );
}

// ---- payment vias -------------------------------------------------------------------------------------------

export const SmartContract = z.looseObject({
  engine: text,
  address: text,
  decimals: z.nullish(json.number),
});

export const Network = z.looseObject({
  /** Exact string, sent back verbatim: `Solana`, `Polygon (Matic)`, … */
  name: nonEmpty,
  is_suspended: flag,
  chain_id: z.nullish(stringOrNumber),
  smart_contract: z.nullish(SmartContract),
});

export const Currency = z.looseObject({
  name: nonEmpty,
  is_suspended: flag,
  networks: orDefault(z.array(Network), []),
});

export const PaymentVia = z.looseObject({
  name: json.string,
  available: flag,
  currencies: orDefault(z.array(Currency), []),
});
export const PaymentVias = z.array(PaymentVia);

// ---- brands -------------------------------------------------------------------------------------------------

export const Brand = z.looseObject({
  /** Display name, and the value for `family_name`. */
  family: nonEmpty,
  /** Exact `brand_name` for orders. */
  brand: nonEmpty,
  brand_id: text,
  logo_url: text,
  logo_base_url: text,
  bg_color: text,
  min: z.nullish(stringOrNumber),
  max: z.nullish(stringOrNumber),
  kind: orDefault(json.string, ''),
  category: orDefault(json.string, ''),
  additional_categories: z.nullish(z.array(json.string)),
  is_out_of_stock: flag,
  product_type: text,
  country_code: text,
});

export const BrandCategory = z.looseObject({
  brands: orDefault(lenientArray(Brand), []),
});

export const BrandsPage = z
  .looseObject({
    categories: z.nullish(z.array(BrandCategory)),
    all_brands: z.nullish(lenientArray(Brand)),
  })
  .check(
    // Neither list: this is not a brands page (e.g. an error object that happens to be JSON).
    z.refine((page) => Array.isArray(page.categories) || Array.isArray(page.all_brands), 'expected categories or all_brands'),
  );

// ---- products -----------------------------------------------------------------------------------------------

export const Range = z.looseObject({
  min: decimal,
  max: decimal,
  currency: z.nullish(json.string),
  step_size: z.nullish(decimal),
  default: z.nullish(decimal),
});

export const FaceValue = z.looseObject({
  currency_code: text,
  /** `{type:"fixed", price}` or `{type:"range", min, max}` (min/max as decimals or `{amount, currency}`). */
  amount: z.nullish(
    z.looseObject({
      type: json.string,
      price: z.nullish(decimal),
      min: z.nullish(decimalOrMoney),
      max: z.nullish(decimalOrMoney),
    }),
  ),
});

export const Product = z.looseObject({
  product_id: nonEmpty,
  /** Fixed products: opaque, sent back exactly ("25 USD", "5 EUR - PIN", "1 GB 7 days"). */
  denomination: text,
  localized_denomination: text,
  coin_amount: z.nullish(decimal),
  range: z.nullish(Range),
  coin: text,
  delivery_type: z.nullish(json.string),
  face_value: z.nullish(FaceValue),
});

export const RichDescription = z.looseObject({
  /** HTML from upstream: sanitize before inserting. */
  description: text,
  how_to_redeem: text,
  term_and_conditions: text,
});

export const Family = z.looseObject({
  family: nonEmpty,
  brand: nonEmpty,
  default_denomination: text,
  is_out_of_stock: flag,
  product_tc: text,
  rich_description: z.nullish(RichDescription),
  products: orDefault(z.array(Product), []),
});
export const Families = z.array(Family);

export const Quote = z.looseObject({
  coin_amount: positiveDecimal,
});

// ---- validation, errors -------------------------------------------------------------------------------------

export const Problem = z.looseObject({
  problem: json.string,
  /** Arbitrary JSON: never render it raw (see problems.ts). */
  moreDetails: z.optional(z.unknown()),
});

export const Validation = z.looseObject({
  /** null on success, [] too; several problems may come at once. */
  problems: z.nullish(z.array(Problem)),
});

/** Any of `{status, detail, moreDetails?}`, `{detail}`, `{message}`. */
export const ErrorBody = z.looseObject({
  status: z.optional(z.unknown()),
  detail: z.optional(z.unknown()),
  message: z.optional(z.unknown()),
  moreDetails: z.optional(z.unknown()),
});

// ---- orders -------------------------------------------------------------------------------------------------

/**
 * A deliverable's text, tolerant: upstream's per-product data is the least predictable, and a delivered order must
 * never be refused whole (its codes then never shown) for one field of another type. A whole number (a PIN or serial
 * sent as a number) is its digits; anything else (an object, a number JSON could not keep exactly) is none.
 */
const lenientText = z.optional(z.transform((v: unknown) => (typeof v === 'string' ? v : Number.isSafeInteger(v) ? String(v) : undefined)));

export const Deliverable = z.looseObject({
  denomination: lenientText,
  localized_denomination: lenientText,
  brand_name: lenientText,
  family: lenientText,
  beneficiary_account: lenientText,
  delivery_type: lenientText,
  country_code: lenientText,
  /** A code, or a redemption link when it starts with http(s)://. */
  pin_code: lenientText,
  pin_serial: lenientText,
  security_code: lenientText,
  barcode_image_url: lenientText,
  qr_image_url: lenientText,
  /** HTML from upstream: sanitize before inserting. */
  redeem_instructions: lenientText,
});

/**
 * An object as it is; anything else (an array, a string, null: a shape this widget does not know) as `{}`, so that
 * one delivery sent otherwise never has the whole order refused, its other deliveries' codes with it.
 */
const asObject = z.transform((value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}));

/** Tolerant like a deliverable: what a delivery of an unknown shape still says (its state) is kept; it shows as sent. */
export const Delivery = z.pipe(
  asObject,
  z.looseObject({
    id: lenientText,
    delivery_state: lenientText,
    kind: lenientText,
    deliverable: z.pipe(asObject, Deliverable),
  }),
);

export const Order = z.looseObject({
  /** A UUID (it is `order_id`, not `id`). */
  order_id: matching(ORDER_ID),
  /** Epoch seconds (upstream sends a string or a number); undefined when unreadable. */
  created_at: epochSeconds,
  order_state: orDefault(json.string, ''),
  payment_state: orDefault(json.string, ''),
  wallet_address: address,
  coin: nonEmpty,
  network: nonEmpty,
  coin_amount: positiveDecimal,
  payment_method: text,
  payment_method_protocol: text,
  qr_text: text,
  qr_url: text,
  sent_coin_amount: sentAmount,
  payment_value: z.nullish(decimal),
  user: z.nullish(z.looseObject({email: text})),
  deliveries: z.pipe(z.transform((value: unknown) => (Array.isArray(value) ? value : [])), z.array(Delivery)),
});

// ---- types --------------------------------------------------------------------------------------------------

// Output types. Intersections (not Omit) refine enum-like strings, since every object also has an index signature
// for its unknown keys and Omit over an index signature would drop the known ones.
export type SmartContract = z.output<typeof SmartContract>;
export type Network = z.output<typeof Network>;
export type Currency = z.output<typeof Currency>;
export type PaymentVia = z.output<typeof PaymentVia>;
export type Brand = z.output<typeof Brand> & {kind: Open<'giftcard' | 'mobile_recharge'>};
export type BrandCategory = z.output<typeof BrandCategory>;
export type BrandsPage = z.output<typeof BrandsPage>;
export type Range = z.output<typeof Range>;
export type FaceValue = z.output<typeof FaceValue>;
export type Product = z.output<typeof Product> & {delivery_type?: Open<'by_email' | 'by_phone'> | null | undefined};
export type RichDescription = z.output<typeof RichDescription>;
export type Family = z.output<typeof Family>;
export type Quote = z.output<typeof Quote>;
export type Problem = z.output<typeof Problem>;
export type Validation = z.output<typeof Validation>;
export type ErrorBody = z.output<typeof ErrorBody>;
export type Deliverable = z.output<typeof Deliverable>;
export type Delivery = z.output<typeof Delivery>;
export type Order = z.output<typeof Order> & {order_state: Open<KnownOrderState>; payment_state: Open<KnownPaymentState>};

/** Built by the widget, so a type only (UPSTREAM.md, OrderBody). */
export interface DeliveryBody {
  brand_name: string;
  country_code: string;
  /** A listed denomination, or `"range"` with `product_value`. */
  denomination: string;
  /** E-mail for by_email, E.164 phone for by_phone. */
  beneficiary_account: string;
  product_value?: number | string;
}
export interface OrderBody {
  email?: string;
  user?: {email: string; has_accepted_newsletter?: boolean};
  payment: {type: 'via'; payment_via: Open<'USER_WALLET'>; coin: string; network?: string};
  deliveries: (DeliveryBody | {kind: Open<'giftcard' | 'mobile_recharge'>; quantity: number; deliverable: DeliveryBody})[];
  lang: string;
  acquisition?: {utm_source?: string};
  promo_code?: string;
}
