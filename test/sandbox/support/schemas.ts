// UPSTREAM.md's shapes as zod schemas, written independently of the sandbox's code, so the sandbox's answers are
// checked against the documentation rather than against themselves. Strict where UPSTREAM.md is [sure]; unknown
// keys pass through, as upstream adds fields freely.
import {z} from 'zod';

const amount = z.string().regex(/^\d+(\.\d+)?$/);
const hex = /^#[0-9a-fA-F]{6}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const Network = z.looseObject({
  name: z.enum(['Mainnet', 'Lightning', 'ETH Mainnet', 'Base', 'Polygon (Matic)', 'Arbitrum', 'Solana', 'Tron']),
  is_suspended: z.boolean().optional(),
  threshold: amount.optional(),
  chain_id: z.number().int().optional(),
  base_token: z.string().optional(),
  smart_contract: z.looseObject({engine: z.enum(['SVM', 'EVM']), address: z.string().min(20), decimals: z.number().int(), symbol: z.string()}).optional(),
});
export const Currency = z.looseObject({name: z.string().regex(/^[A-Z]+$/), is_suspended: z.boolean(), networks: z.array(Network).min(1)});
export const PaymentVia = z.looseObject({name: z.string(), available: z.boolean(), currencies: z.array(Currency)});

export const Brand = z.looseObject({
  family: z.string().min(1),
  brand: z.string().min(1),
  brand_id: z.string().min(1),
  logo_url: z.string(),
  logo_base_url: z.string().url().optional(),
  bg_color: z.string().regex(hex).optional(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  kind: z.string(),
  category: z.string(),
  additional_categories: z.array(z.string()).optional(),
  is_out_of_stock: z.boolean(),
  product_type: z.string().optional(),
  country_code: z.string().regex(/^[A-Z]{2}$/),
});
export const BrandsPage = z.looseObject({
  country_code: z.string(),
  categories: z.array(z.looseObject({kind: z.string(), category: z.string(), brands: z.array(Brand)})),
  all_brands: z.array(Brand).optional(),
  last_user_purchases: z.array(z.unknown()),
  suggestions: z.array(z.unknown()),
});

const bound = z.union([amount, z.looseObject({amount: z.number(), currency: z.string()})]);
export const FaceValue = z.looseObject({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  amount: z.union([
    z.looseObject({type: z.literal('fixed'), price: amount}),
    z.looseObject({type: z.literal('range'), min: bound, max: bound}),
  ]),
});
export const Range = z.looseObject({min: z.number(), max: z.number(), currency: z.string(), step_size: z.number().positive(), default: amount.optional()});
export const Product = z.looseObject({
  product_id: z.string().regex(uuid),
  is_dynamic: z.boolean(),
  denomination: z.string().optional(),
  localized_denomination: z.string().optional(),
  coin_amount: amount.optional(),
  range: Range.optional(),
  coin: z.string(),
  payment_method: z.string(),
  delivery_type: z.enum(['by_email', 'by_phone']),
  face_value: FaceValue,
  benefits: z.array(z.looseObject({amount: z.number()})).optional(),
}).refine((p) => (p.is_dynamic ? p.range !== undefined : p.denomination !== undefined && p.coin_amount !== undefined), 'fixed needs denomination + coin_amount, range needs range');
export const Family = z.looseObject({
  family: z.string(),
  brand: z.string(),
  brand_id: z.string(),
  kind: z.string(),
  category: z.string(),
  default_denomination: z.string(),
  is_out_of_stock: z.boolean(),
  logo_url: z.string(),
  product_tc: z.string().optional(),
  rich_description: z.looseObject({markup: z.literal('html'), description: z.string().optional(), how_to_redeem: z.string().optional(), term_and_conditions: z.string().optional()}).optional(),
  products: z.array(Product),
});
export const Quote = z.looseObject({
  product_id: z.string(),
  is_dynamic: z.literal(true),
  range: Range,
  coin: z.string(),
  coin_amount: amount,
  original_coin_amount: amount,
  payment_method: z.string(),
  delivery_type: z.enum(['by_email', 'by_phone']),
});

export const Deliverable = z.looseObject({
  denomination: z.string(),
  // Absent from the captured Done order (fixtures/upstream-captures.json).
  localized_denomination: z.string().optional(),
  brand_name: z.string(),
  family: z.string(),
  beneficiary_account: z.string(),
  delivery_type: z.enum(['by_email', 'by_phone']),
  pin_code: z.string().optional(),
  pin_serial: z.string().optional(),
  security_code: z.string().optional(),
  barcode_image_url: z.string().url().optional(),
  qr_image_url: z.string().url().optional(),
  redeem_instructions: z.string().optional(),
});
export const Delivery = z.looseObject({id: z.string(), delivery_state: z.string(), kind: z.string(), deliverable: Deliverable});
export const Problem = z.looseObject({problem: z.string().regex(/^[A-Z][A-Z0-9_]+$/), moreDetails: z.unknown().optional()});
export const Validation = z.looseObject({
  coin: z.string(),
  coin_amount: amount,
  original_coin_amount: amount,
  coupon_code: z.string().nullable(),
  deliveries: z.array(Delivery),
  problems: z.array(Problem).nullable(),
});
export const Order = z.looseObject({
  order_id: z.string().regex(uuid),
  created_at: z.string().regex(/^\d{10}$/),
  order_state: z.string(),
  payment_state: z.string(),
  wallet_address: z.string().min(20),
  coin: z.string(),
  network: z.string(),
  coin_amount: amount,
  payment_method: z.string(),
  payment_method_protocol: z.string().optional(),
  qr_text: z.string().optional(),
  qr_url: z.string().url().optional(),
  // Optional in UPSTREAM.md, and absent from the captured Done order, as user is.
  sent_coin_amount: amount.optional(),
  payment_value: z.number().optional(),
  user: z.looseObject({email: z.string()}).optional(),
  deliveries: z.array(Delivery).min(1),
});

/** Every key of every object in a value, as dotted paths with array indexes folded ("deliveries[].deliverable.pin_code"). */
export function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const k of keyPaths(item, `${prefix}[]`)) out.add(k);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      for (const sub of keyPaths(v, path)) out.add(sub);
    }
  }
  return out;
}
