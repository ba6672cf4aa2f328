// The pure parts of <cr-checkout>: phone normalisation, BOLT11 expiry, payment URIs and wallet links, the payment
// deadline, sessionStorage persistence.
import {assert} from '@open-wc/testing';
import {callingCode, toE164} from '../../src/elements/cr-checkout/phone.js';
import {invoiceTimes} from '../../src/elements/shared/bolt11.js';
import {paymentUri, toSmallestUnit, walletHref} from '../../src/elements/cr-checkout/payment-uri.js';
import {formatTimeLeft, paymentDeadline} from '../../src/elements/shared/payment-deadline.js';
import {clearOrder, clearPendingCreate, loadOrder, loadPendingCreate, orderStorageKey, pendingCreateKey, saveOrder, savePendingCreate} from '../../src/store/order-persistence.js';
import {canResend, createKeyed, purchaseKey} from '../../src/elements/cr-checkout/keyed-create.js';
import type {OrderBody} from '../../src/api/schemas.js';
import {parseOrder} from '../../src/api/client.js';
import {COUNTRY_CODES} from '../../src/i18n/countries.js';
import {formatMoney} from '../../src/i18n/format.js';
import {LANGS, loadMessages} from '../../src/i18n/i18n.js';
import {checkAmount, defaultProduct, orderBody, type CheckContext, type FormValues} from '../../src/elements/cr-checkout/form-model.js';
import {messages as en} from '../../src/i18n/locales/en/index.js';
import type {Family, Product} from '../../src/api/schemas.js';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** A BOLT11-shaped invoice (valid bech32 checksum, dummy signature) with a timestamp and an optional `x` field. */
function invoice(timestamp: number, expiry?: number): string {
  const words = (n: number, count: number) => Array.from({length: count}, (_, i) => Math.floor(n / 32 ** (count - 1 - i)) % 32);
  const data = [...words(timestamp, 7)];
  data.push(CHARSET.indexOf('p'), 1, 20, ...Array(52).fill(3)); // payment hash: tag p, 52 words
  if (expiry !== undefined) data.push(CHARSET.indexOf('x'), 0, 3, ...words(expiry, 3));
  data.push(...Array(104).fill(7)); // signature
  const hrp = 'lnbc2500u';
  const polymod = (values: number[]) => {
    const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let chk = 1;
    for (const v of values) {
      const top = chk >>> 25;
      chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
      for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ gen[i]!) >>> 0;
    }
    return chk;
  };
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((p) => (mod >>> (5 * (5 - p))) & 31);
  return `${hrp}1${[...data, ...checksum].map((d) => CHARSET[d]).join('')}`;
}

suite('cr-checkout units', () => {
  test('a range amount is read in the page\'s notation: "1,000" (en) or "1.000" (de) is never taken for 1', () => {
    const product = {product_id: 'p', is_dynamic: true, range: {min: '1', max: '2000', currency: 'USD', step_size: '0.01'}, delivery_type: 'by_email'} as unknown as Product;
    const family = {family: 'Amazon', brand: 'Amazon.com', products: [product]} as unknown as Family;
    const values = (amount: string): FormValues =>
      ({productId: 'p', amount, beneficiary: '', email: 'a@example.com', coin: 'USDC', network: 'Solana', promo: ''}) as unknown as FormValues;
    const ctx = (locale: string): CheckContext & {lang: string} => ({family, product, currencies: [], country: 'US', locale, messages: en.checkout, lang: 'en'});
    const sent = (amount: string, locale: string) => (orderBody(values(amount), ctx(locale)).deliveries[0] as {product_value?: number}).product_value;
    // The group separator of the page's language before three digits: a thousand to its reader, so not a number here.
    for (const [amount, locale] of [['1,000', 'en'], ['1,500', 'en-US'], ['1.000', 'de'], ['1.500', 'es'], ['2.000', 'pt-BR'], ['1.000', 'vi'], ['1.000', 'fr'], ['2.500', 'fr-CA'], ['1,000', 'de-CH']] as const) {
      assert.equal(checkAmount(values(amount), ctx(locale)), en.checkout.invalid.amountNumber, `${amount} in ${locale}`);
    }
    // The decimal sign of the language, and "," or "." where it cannot be a group separator, read as decimals.
    for (const [amount, locale, value] of [['1.5', 'en', 1.5], ['25,50', 'de', 25.5], ['1,000', 'de', 1], ['2.500', 'en', 2.5], ['25.50', 'de', 25.5], ['1000', 'fr', 1000], ['1,25', 'fr', 1.25], ['１３７', 'zh', 137], ['１３７．５', 'zh', 137.5], [' 25，5 ', 'de', 25.5]] as const) {
      assert.equal(checkAmount(values(amount), ctx(locale)), undefined, `${amount} in ${locale}`);
      assert.equal(sent(amount, locale), value, `${amount} in ${locale}`);
    }
  });

  test('an amount written with a thousands separator ("1,000", "1.000", "1 000") is told what is wrong, in every language', async () => {
    // "Enter the amount as a number" alone does not tell someone who typed "1,000" (a number to them) what to change.
    for (const [lang, words] of [['en', 'thousands separator'], ['de', 'Tausendertrennzeichen'], ['fr', 'séparateur de milliers'], ['zh', '千位分隔符']] as const) {
      const message = (await loadMessages(lang)).checkout.invalid.amountNumber;
      assert.include(message, words, `${lang}: ${message}`);
    }
    for (const lang of LANGS) assert.include((await loadMessages(lang)).checkout.invalid.amountNumber, '1000', `${lang}: an example with no separator`);
  });

  test('a range without a currency: its bounds and step still in the page\'s notation ("50,00", not "50.00", in German)', () => {
    const product = {product_id: 'p', is_dynamic: true, range: {min: '50.00', max: '1500.00', step_size: '0.50'}, delivery_type: 'by_email'} as unknown as Product;
    const family = {family: 'Points', brand: 'Points', products: [product]} as unknown as Family;
    const values = (amount: string) => ({productId: 'p', amount, beneficiary: '', email: 'a@example.com', coin: 'USDC', network: 'Solana', promo: ''}) as FormValues;
    const ctx: CheckContext = {family, product, currencies: [], country: 'DE', locale: 'de', messages: en.checkout};
    assert.equal(checkAmount(values('1'), ctx), en.checkout.invalid.amountMin('50,00'));
    assert.equal(checkAmount(values('2000'), ctx), en.checkout.invalid.amountMax('1.500,00'));
    assert.equal(checkAmount(values('50,25'), ctx), en.checkout.invalid.amountStep('0,50'));
    assert.equal(formatMoney('de', '1234.5', ''), '1.234,5');
  });

  test('a family with a range beside fixed products: the range, which the form shows alone, is the one selected', () => {
    // The form shows the range's input only (renderAmount); with the fixed default selected, the amount typed there
    // went unchecked and the order was for "10 USD".
    const fixed = (d: string, inStock = true) => ({product_id: d, denomination: d, delivery_type: 'by_email', is_out_of_stock: !inStock});
    const range = (inStock: boolean) => ({product_id: 'range', is_dynamic: true, range: {min: '5', max: '500', currency: 'USD'}, delivery_type: 'by_email', is_out_of_stock: !inStock});
    const family = (products: unknown[]) => ({family: 'Mixed', brand: 'Mixed', default_denomination: '10 USD', products}) as unknown as Family;
    assert.equal(defaultProduct(family([fixed('10 USD'), fixed('100 USD'), range(true)]))?.product_id, 'range');
    // Its input disabled as out of stock: nothing selected (the buyer is told), never a fixed product not shown.
    assert.isUndefined(defaultProduct(family([fixed('10 USD'), range(false)])));
    assert.equal(defaultProduct(family([fixed('5 USD'), fixed('10 USD')]))?.product_id, '10 USD');
    assert.equal(defaultProduct(family([fixed('10 USD', false), fixed('20 USD')]))?.product_id, '20 USD');
  });

  test('a product that cannot be ordered as shown is never selected nor sent: no denomination, or out of stock', () => {
    // Sent with an empty denomination, upstream silently orders its default: "$25" shown, another amount bought.
    const noDenomination = {product_id: 'a', localized_denomination: '$25', delivery_type: 'by_email'};
    const listed = {product_id: 'b', denomination: '50 USD', localized_denomination: '$50', delivery_type: 'by_email'};
    const gone = {...listed, product_id: 'c', is_out_of_stock: true};
    const family = {family: 'F', brand: 'F', default_denomination: '', products: [noDenomination, listed, gone]} as unknown as Family;
    assert.equal(defaultProduct(family)?.product_id, 'b');
    const values = {productId: 'a', amount: '', beneficiary: '', email: 'a@example.com', coin: 'USDC', network: 'Solana', promo: ''};
    for (const product of [noDenomination, gone]) {
      const ctx = {family, product: product as unknown as Product, currencies: [], country: 'US', locale: 'en', messages: en.checkout};
      assert.equal(checkAmount(values, ctx), en.checkout.invalid.productRequired, product.product_id);
    }
    assert.isUndefined(checkAmount(values, {family, product: listed as unknown as Product, currencies: [], country: 'US', locale: 'en', messages: en.checkout}));
  });

  test('calling codes exist for every supported country', () => {
    for (const cc of COUNTRY_CODES) assert.match(callingCode(cc) ?? '', /^\d{1,3}$/, cc);
    assert.equal(callingCode('us'), '1');
    assert.equal(callingCode('NG'), '234');
  });

  test('phones are normalised to E.164', () => {
    assert.equal(toE164('(415) 555-1234', 'US'), '+14155551234');
    assert.equal(toE164('1 415 555 1234', 'US'), '+14155551234');
    assert.equal(toE164('0803 123 4567', 'NG'), '+2348031234567');
    assert.equal(toE164('0049 151 23456789', 'US'), '+4915123456789');
    assert.equal(toE164('+44 7700-900123', 'DE'), '+447700900123');
    assert.equal(toE164('8 701 123-45-67', 'KZ'), '+77011234567');
    assert.equal(toE164('312 345 6789', 'IT'), '+393123456789');
    assert.isUndefined(toE164('12', 'US'));
    assert.isUndefined(toE164('call me', 'US'));
    assert.isUndefined(toE164('+0123456789', 'US'));
  });

  test('trunk prefixes other than a leading 0 are dropped, and numbers whose 0 is their own keep it', () => {
    // Hungary dials 06 before a national number, Lithuania 8 (or 0): neither belongs to the number.
    assert.equal(toE164('06 30 123 4567', 'HU'), '+36301234567');
    assert.equal(toE164('06-1-234-5678', 'HU'), '+3612345678');
    assert.equal(toE164('8 612 34567', 'LT'), '+37061234567');
    assert.equal(toE164('0612 34567', 'LT'), '+37061234567');
    // Côte d'Ivoire (10 digits since 2021) and Congo: the 0 is part of the number, as in Italy.
    assert.equal(toE164('07 07 12 34 56', 'CI'), '+2250707123456');
    assert.equal(toE164('06 123 4567', 'CG'), '+242061234567');
    assert.equal(toE164('30 123 4567', 'HU'), '+36301234567');
  });

  test('a bracketed trunk 0 after the country code is not dialled ("+44 (0)7700 900123")', () => {
    assert.equal(toE164('+44 (0)7700 900123', 'GB'), '+447700900123');
    assert.equal(toE164('+49 (0) 151 23456789', 'DE'), '+4915123456789');
    assert.equal(toE164('0044 (0)20 7946 0000', 'GB'), '+442079460000');
    assert.equal(toE164('(0)20 7946 0000', 'GB'), '+442079460000');
    // In a national number of a country that keeps its 0, the bracketed 0 is part of the number.
    assert.equal(toE164('(0)6 1234 5678', 'IT'), '+390612345678');
    assert.equal(toE164('(0)7 07 12 34 56', 'CI'), '+2250707123456');
  });

  test('full-width digits and plus (a Chinese keyboard) are read as ASCII', () => {
    assert.equal(toE164('１３８ ００１３ ８０００', 'CN'), '+8613800138000');
    assert.equal(toE164('＋８６　１３８００１３８０００', 'US'), '+8613800138000');
  });

  test('BOLT11: timestamp and expiry, 3600 s by default, undefined when not an invoice', () => {
    assert.deepEqual(invoiceTimes(invoice(1787679708, 600)), {timestamp: 1787679708, expiry: 600});
    assert.deepEqual(invoiceTimes(`lightning:${invoice(1787679708)}`), {timestamp: 1787679708, expiry: 3600});
    assert.isUndefined(invoiceTimes('bc1qexample'));
    assert.isUndefined(invoiceTimes('lnbc1qqqq'));
  });

  test('deadline: 30 minutes from created_at, shorter for a Lightning invoice that says so', () => {
    const base = {created_at: 1787679708, network: 'Solana', wallet_address: 'addr', qr_text: null, payment_method_protocol: null};
    assert.equal(paymentDeadline(base), 1787679708 + 1800);
    const ln = {...base, network: 'Lightning', wallet_address: invoice(1787679708, 600)};
    assert.equal(paymentDeadline(ln), 1787679708 + 600);
    const lnLong = {...base, network: 'Lightning', wallet_address: invoice(1787679708, 7200)};
    assert.equal(paymentDeadline(lnLong), 1787679708 + 1800);
    // An invoice clock far from created_at is not trusted.
    assert.equal(paymentDeadline({...ln, wallet_address: invoice(1000, 60)}), 1787679708 + 1800);
    assert.isUndefined(paymentDeadline({...base, created_at: undefined}));
    assert.equal(formatTimeLeft(299.4), '04:59');
    assert.equal(formatTimeLeft(-3), '00:00');
  });

  test('payment URIs: qr_text as given, else built per chain', () => {
    const order = {qr_text: undefined, wallet_address: 'bc1qxyz', coin: 'BTC', network: 'Mainnet', coin_amount: '0.00032833'};
    assert.equal(paymentUri({...order, qr_text: 'bitcoin:given?amount=1'}), 'bitcoin:given?amount=1');
    assert.equal(paymentUri(order), 'bitcoin:bc1qxyz?amount=0.00032833');
    assert.equal(paymentUri({...order, network: 'Lightning', wallet_address: 'lnbc1abc'}), 'lightning:lnbc1abc');
    const evmAddress = '0x' + 'ab'.repeat(20);
    const usdc = '0x' + '12'.repeat(20);
    assert.equal(
      paymentUri({...order, coin: 'USDC', network: 'Base', wallet_address: evmAddress, coin_amount: '10.5'}, {name: 'Base', chain_id: 8453, smart_contract: {engine: 'EVM', address: usdc, decimals: 6, symbol: 'USDC'}}),
      `ethereum:${usdc}@8453/transfer?address=${evmAddress}&uint256=10500000`,
    );
    assert.equal(
      paymentUri({...order, coin: 'ETH', network: 'ETH Mainnet', wallet_address: evmAddress, coin_amount: '0.01'}, {name: 'ETH Mainnet', chain_id: 1}),
      `ethereum:${evmAddress}@1?value=10000000000000000`,
    );
    assert.equal(
      paymentUri({...order, coin: 'USDC', network: 'Solana', wallet_address: 'SoLaddr', coin_amount: '5'}, {name: 'Solana', smart_contract: {engine: 'SVM', address: 'Mint', decimals: 6, symbol: 'USDC'}}),
      'solana:SoLaddr?amount=5&spl-token=Mint',
    );
    assert.equal(paymentUri({...order, coin: 'TON', network: 'Mainnet', wallet_address: 'EQton'}), 'EQton');
    // A token whose contract is not known (the coin list not loaded, no smart_contract): the bare address, never a
    // request for the chain's own coin.
    assert.equal(paymentUri({...order, coin: 'USDC', network: 'Solana', wallet_address: 'SoLaddr', coin_amount: '5'}), 'SoLaddr');
    assert.equal(paymentUri({...order, coin: 'SOL', network: 'Solana', wallet_address: 'SoLaddr', coin_amount: '5'}), 'solana:SoLaddr?amount=5');
    assert.equal(paymentUri({...order, coin: 'USDT', network: 'Polygon', wallet_address: evmAddress, coin_amount: '5'}, {name: 'Polygon', chain_id: 137}), evmAddress);
    assert.equal(toSmallestUnit('1.000000000000000001', 18), '1000000000000000001');
  });

  test('an amount with more decimals than the token has gets the bare address, never a request cut down to less', () => {
    const evmAddress = '0x' + 'ab'.repeat(20);
    const usdc = '0x' + '12'.repeat(20);
    const base = {name: 'Base', chain_id: 8453, smart_contract: {engine: 'EVM', address: usdc, decimals: 6, symbol: 'USDC'}};
    const order = {qr_text: undefined, wallet_address: evmAddress, coin: 'USDC', network: 'Base', coin_amount: '11.2612345'};
    // 11.2612345 USDC cut to 6 decimals would ask for 11.261234: less than the screen says to send.
    assert.equal(paymentUri(order, base), evmAddress);
    // Zeros past the token's decimals change nothing: the request is exact.
    assert.equal(paymentUri({...order, coin_amount: '10.50000000'}, base), `ethereum:${usdc}@8453/transfer?address=${evmAddress}&uint256=10500000`);
    // The same for a chain's own coin past its 18 decimals.
    assert.equal(paymentUri({...order, coin: 'ETH', coin_amount: '0.0000000000000000015'}, {name: 'Base', chain_id: 8453}), evmAddress);
    assert.isUndefined(toSmallestUnit('1.0000001', 6));
  });

  test("a token's decimals that are no uint8 give the bare address, not a crash of the payment screen", () => {
    const evmAddress = '0x' + 'ab'.repeat(20);
    const usdc = '0x' + '12'.repeat(20);
    const order = {qr_text: undefined, wallet_address: evmAddress, coin: 'USDC', network: 'Base', coin_amount: '10.5'};
    for (const decimals of [6.5, -1, 1e6]) {
      assert.equal(paymentUri(order, {name: 'Base', chain_id: 8453, smart_contract: {engine: 'EVM', address: usdc, decimals}}), evmAddress, String(decimals));
    }
  });

  test("a chain's own coin is asked for only on its own chain (base_token), never another chain's coin", () => {
    const evmAddress = '0x' + 'ab'.repeat(20);
    const order = {qr_text: undefined, wallet_address: evmAddress, coin: 'POL', network: 'ETH Mainnet', coin_amount: '100'};
    // POL (an ERC-20 on Ethereum) listed without its contract: `value=` would ask for 100 ETH.
    assert.equal(paymentUri(order, {name: 'ETH Mainnet', chain_id: 1, base_token: 'ETH'}), evmAddress);
    // ETH on Polygon (WETH there) without a contract: `value=` would ask for 0.5 POL.
    assert.equal(paymentUri({...order, coin: 'ETH', network: 'Polygon (Matic)', coin_amount: '0.5'}, {name: 'Polygon (Matic)', chain_id: 137, base_token: 'POL'}), evmAddress);
    // The chain's own coin still gets its request: ETH on Base, POL on Polygon.
    assert.equal(paymentUri({...order, coin: 'ETH', network: 'Base', coin_amount: '0.5'}, {name: 'Base', chain_id: 8453, base_token: 'ETH'}), `ethereum:${evmAddress}@8453?value=500000000000000000`);
    assert.equal(paymentUri({...order, network: 'Polygon (Matic)'}, {name: 'Polygon (Matic)', chain_id: 137, base_token: 'pol'}), `ethereum:${evmAddress}@137?value=100000000000000000000`);
  });

  test('wallet links only for the safe schemes', () => {
    assert.equal(walletHref('bitcoin:bc1q?amount=1'), 'bitcoin:bc1q?amount=1');
    assert.equal(walletHref('TON:abc'), 'TON:abc');
    assert.isUndefined(walletHref('javascript:alert(1)'));
    assert.isUndefined(walletHref('java\nscript:alert(1)'));
    assert.isUndefined(walletHref('bitcoin:a b'));
    assert.isUndefined(walletHref('https://example.com'));
    assert.isUndefined(walletHref('EQbareaddress'));
  });

  test('persistence: saved, validated again on load, cleared; a mismatched id is dropped', () => {
    const store = `units-${Math.random()}`;
    const order = parseOrder({
      order_id: 'f9d624ad-dc5e-4efd-9ecf-f8fb08a22677', created_at: '1787679708', order_state: 'WaitingForPayment',
      payment_state: 'WalletCreated', wallet_address: 'bc1qxyz', coin: 'BTC', network: 'Mainnet', coin_amount: '0.00032833',
    });
    saveOrder(store, order);
    const loaded = loadOrder(store)!;
    assert.equal(loaded.orderId, order.order_id);
    assert.equal(loaded.order.coin_amount, '0.00032833');
    const raw = JSON.parse(sessionStorage.getItem(orderStorageKey(store))!);
    raw.order_id = '0d2c9d55-1111-4bbb-8ccc-000000000001';
    sessionStorage.setItem(orderStorageKey(store), JSON.stringify(raw));
    assert.isUndefined(loadOrder(store));
    assert.isNull(sessionStorage.getItem(orderStorageKey(store)));
    // Another format version (a future release's): not read as ours.
    saveOrder(store, order);
    sessionStorage.setItem(orderStorageKey(store), JSON.stringify({...JSON.parse(sessionStorage.getItem(orderStorageKey(store))!), v: 2}));
    assert.isUndefined(loadOrder(store));
    saveOrder(store, order);
    clearOrder(store);
    assert.isUndefined(loadOrder(store));
  });

  test('persistence never goes backwards: a stale copy of the same order does not replace a newer one', () => {
    const store = `units-${Math.random()}`;
    const base = {
      order_id: 'f9d624ad-dc5e-4efd-9ecf-f8fb08a22677', created_at: '1787679708', payment_state: 'WalletCreated',
      wallet_address: 'bc1qxyz', coin: 'BTC', network: 'Mainnet', coin_amount: '0.00032833',
    };
    const waiting = parseOrder({...base, order_state: 'WaitingForPayment'});
    const paid = parseOrder({...base, order_state: 'PaymentReceived', payment_state: 'PaymentReceived'});
    saveOrder(store, waiting);
    saveOrder(store, paid);
    assert.equal(loadOrder(store)?.order.order_state, 'PaymentReceived');
    // A late answer (a poll in flight, a lagging read after a reload) from any writer.
    saveOrder(store, waiting);
    assert.equal(loadOrder(store)?.order.order_state, 'PaymentReceived', 'the newer copy stays');
    saveOrder(store, parseOrder({...base, order_id: base.order_id.toUpperCase(), order_state: 'WaitingForPayment'}));
    assert.equal(loadOrder(store)?.order.order_state, 'PaymentReceived', 'ids are compared without case');
    // Another order replaces it, whatever its state ("new purchase" or a create).
    const other = parseOrder({...base, order_id: '0d2c9d55-1111-4bbb-8ccc-000000000001', order_state: 'WaitingForPayment'});
    saveOrder(store, other);
    assert.equal(loadOrder(store)?.orderId, other.order_id);
    clearOrder(store);
  });

  test('pending create: saved with its key and body, validated on load, resendable only while keyed and fresh', () => {
    const store = `units-${Math.random()}`;
    const now = 1_800_000_000_000;
    const pending = {key: '6f1c2a9e-0b7d-4c3e-9a51-2d8e4f6b7c10', fp: 'abc', keyed: true, body: {lang: 'en', deliveries: []}, at: now};
    savePendingCreate(store, pending);
    const loaded = loadPendingCreate(store, now + 1000)!;
    assert.deepEqual({...loaded, v: undefined}, {...pending, v: undefined});
    assert.isTrue(canResend(loaded, now + 14 * 60_000));
    assert.isFalse(canResend(loaded, now + 16 * 60_000), 'past the proxy\'s 15 minutes');
    assert.isFalse(canResend({...loaded, keyed: false}, now), 'never without a key the proxy took');
    // Tampered: a key the proxy would refuse.
    sessionStorage.setItem(pendingCreateKey(store), JSON.stringify({...JSON.parse(sessionStorage.getItem(pendingCreateKey(store))!), key: 'x y'}));
    assert.isUndefined(loadPendingCreate(store, now));
    // Another format version, or a body that is not an object: not resent.
    for (const change of [{v: 2}, {body: ['lang', 'en']}, {body: 'lang=en'}]) {
      sessionStorage.setItem(pendingCreateKey(store), JSON.stringify({v: 1, ...pending, ...change}));
      assert.isUndefined(loadPendingCreate(store, now), JSON.stringify(change));
    }
    sessionStorage.setItem(pendingCreateKey(store), JSON.stringify({v: 1, ...pending}));
    assert.ok(loadPendingCreate(store, now), 'the same record as it should be is read');
    clearPendingCreate(store);
    // Hours old: forgotten.
    savePendingCreate(store, pending);
    assert.isUndefined(loadPendingCreate(store, now + 3 * 60 * 60_000));
  });

  test('the same purchase sent with a key before keeps it after a reload, before the page hears the proxy takes keys', async () => {
    const store = `units-${Math.random()}`;
    const pending = {key: '6f1c2a9e-0b7d-4c3e-9a51-2d8e4f6b7c12', fp: 'same-purchase', keyed: true, body: {lang: 'en'}, at: Date.now()};
    savePendingCreate(store, pending);
    const sent: Record<string, string>[] = [];
    const realFetch = window.fetch;
    // A proxy this page has never heard from (so it does not know yet that keys are taken); the answer is lost.
    window.fetch = async (_input, init) => {
      sent.push({...(init?.headers as Record<string, string>)});
      throw new TypeError('Failed to fetch');
    };
    try {
      const proxy = 'http://127.0.0.1:9/never-heard-of';
      assert.equal(purchaseKey(store, proxy, 'same-purchase'), pending.key, 'the key the purchase goes out with');
      await createKeyed(store, proxy, {} as OrderBody, 'same-purchase', 'a-new-key-nobody-sent-0000').catch(() => undefined);
    } finally {
      window.fetch = realFetch;
    }
    assert.lengthOf(sent, 1);
    assert.equal(sent[0]!['idempotency-key'], pending.key, 'sent with the key it first went out with');
    assert.equal(sent[0]!['idempotency-resend'], '1', 'marked as sent again');
    assert.equal(loadPendingCreate(store)?.key, pending.key, 'still pending: the outcome is unknown');
    clearPendingCreate(store);
  });

  test('pending create without sessionStorage (blocked or full): this page still has it for "check again"', () => {
    const store = `units-${Math.random()}`;
    const pending = {key: '6f1c2a9e-0b7d-4c3e-9a51-2d8e4f6b7c11', fp: 'def', keyed: true, body: {lang: 'en'}, at: Date.now()};
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      savePendingCreate(store, pending);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    assert.isNull(sessionStorage.getItem(pendingCreateKey(store)));
    assert.equal(loadPendingCreate(store)?.key, pending.key);
    clearPendingCreate(store);
    assert.isUndefined(loadPendingCreate(store));
  });
});
