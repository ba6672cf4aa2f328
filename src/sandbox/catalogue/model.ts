// The sandbox's own description of a brand, from which the upstream shapes (Brand, Family, Product) are built.
// Kept apart from the upstream shapes so the catalogue reads like a price list and the quirks live in one place.

export interface Benefit {
  type: 'data' | 'validity' | 'voice' | 'sms';
  /** -1 = unlimited, as upstream writes it. */
  amount: number;
  unit: string;
}

export interface FixedOffer {
  /** Face value in the brand's currency (for eSIM plans: the price). */
  value: number;
  /** Denomination string when it is not "<value> <currency>" (eSIM plans: "1 GB 7 days"). */
  label?: string;
  benefits?: Benefit[];
}

export interface RangeOffer {
  min: number;
  max: number;
  step: number;
  default?: number;
  /** How face_value.amount writes the bounds: strings ("50.00") or {amount, currency} objects; both are captured. */
  faceStyle: 'strings' | 'objects';
}

/** What the delivered order carries: a PIN (with serial and security code), a redemption link, a barcode, an eSIM, or nothing (top-up). */
export type DeliverableKind = 'pin' | 'link' | 'barcode' | 'esim' | 'topup';

export interface RichDescription {
  markup: 'html';
  description?: string;
  how_to_redeem?: string;
  term_and_conditions?: string;
}

export interface BrandDef {
  countryCode: string;
  family: string;
  brand: string;
  brandId: string;
  slug: string;
  kind: string;
  category: string;
  additionalCategories: string[];
  bgColor: string;
  currency: string;
  deliveryType: 'by_email' | 'by_phone';
  fixed?: FixedOffer[];
  range?: RangeOffer;
  defaultDenomination: string;
  outOfStock: boolean;
  /** Its logo 404s, so clients show their text fallback. */
  logoMissing: boolean;
  /** At most one of it per order (MULTIPLE_LIMITED_PRODUCT_SAME_ORDER). */
  limited: boolean;
  deliverable: DeliverableKind;
  rich?: RichDescription;
  productTc?: string;
  /** Display labels of the cheapest and dearest product ("$5", "1 GB 7 days"); null when unknown. */
  minLabel: string | null;
  maxLabel: string | null;
}
