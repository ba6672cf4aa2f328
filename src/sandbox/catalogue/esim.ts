// eSIM data plans: one brand "eSIM" per country (category e-sim, kind mobile_recharge), denominations are plan
// names ("1 GB 7 days"), priced in USD, with benefits[] (amount -1 = unlimited).
import type {FixedOffer} from './model.js';
import {buildBrand} from './build-brand.js';
import {safeRich} from './rich-text.js';

function plan(gb: number, days: number, price: number): FixedOffer {
  const unlimited = gb < 0;
  return {
    value: price,
    label: unlimited ? `Unlimited ${days} days` : `${gb} GB ${days} days`,
    benefits: [
      {type: 'data', amount: unlimited ? -1 : gb, unit: 'GB'},
      {type: 'validity', amount: days, unit: 'days'},
    ],
  };
}

export const ESIM_PLANS: readonly FixedOffer[] = [
  plan(1, 7, 4.5),
  plan(3, 30, 11),
  plan(5, 30, 16),
  plan(10, 30, 26),
  plan(-1, 7, 34),
  plan(50, 90, 99),
];

export function esimBrand(countryCode: string) {
  return buildBrand(countryCode, {
    family: 'eSIM',
    brand: 'eSIM',
    slug: 'esim',
    // The captures show eSIM's brand_id as a short id, not a UUID.
    brandId: '513ce431',
    kind: 'mobile_recharge',
    category: 'e-sim',
    currency: 'USD',
    bgColor: '#0e131f',
    fixed: [...ESIM_PLANS],
    deliverable: 'esim',
    limited: true,
    rich: {...safeRich('eSIM'), description: '<p>Mobile data abroad, <b>no roaming fees</b>. Scan the QR code to install.</p>'},
  });
}
