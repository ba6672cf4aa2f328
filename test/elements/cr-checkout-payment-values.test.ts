// <cr-checkout>'s payment screen with values upstream should not send: an address with spaces or a newline around it
// is shown, copied and put in the QR code without them (one of spaces only, or with one inside, refuses the order); a
// negative amount sent says nothing (never "send 12" for a price of 10); a Solana Pay link never carries more
// decimals than the token has (a wallet must refuse it, or cuts the amount): the bare address then.
import {assert} from '@open-wc/testing';
import {parseOrder} from '../../src/api/client.js';
import {orderJson, sandboxCurrencies, showPayment} from '../support/payment-screen.js';

const BTC_ADDRESS = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const SOLANA_ADDRESS = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';

suite('<cr-checkout>: the payment screen with values upstream should not send', () => {
  test('an address with whitespace around it: copied and in the QR code without it', async () => {
    const json = orderJson({wallet_address: ` ${BTC_ADDRESS}\n`, coin: 'BTC', network: 'Mainnet', coin_amount: '0.00032833', payment_method: 'BTC'});
    const shown = await showPayment(json, await sandboxCurrencies());
    await shown.click('address');
    assert.deepEqual({copied: shown.copies['address'], qr: await shown.qr()}, {copied: BTC_ADDRESS, qr: `bitcoin:${BTC_ADDRESS}?amount=0.00032833`});
  });

  test('an address of whitespace only, or with a space or an invisible character inside, is no address: the order is refused', () => {
    for (const wallet_address of ['   ', `${BTC_ADDRESS.slice(0, 10)} ${BTC_ADDRESS.slice(10)}`, `${BTC_ADDRESS}\u200b`]) {
      assert.throws(() => parseOrder(orderJson({wallet_address, coin: 'BTC', network: 'Mainnet', coin_amount: '0.001'})), undefined, undefined, JSON.stringify(wallet_address));
    }
  });

  test('a negative amount sent: a partial payment never asks for more than the order costs', async () => {
    const json = orderJson({
      wallet_address: '0x' + 'ab'.repeat(20), coin: 'USDC', network: 'Polygon (Matic)', coin_amount: '10',
      payment_method: 'USDC-MATIC', order_state: 'PartialPaymentStarted', payment_state: 'PaymentRequested', sent_coin_amount: '-2',
    });
    assert.isUndefined(parseOrder(json).sent_coin_amount, 'read as not said');
    const shown = await showPayment(json, await sandboxCurrencies());
    assert.notInclude(shown.root.textContent ?? '', '12', 'never 12 USDC');
  });

  test('USDC on Solana with more decimals than the mint has: no Solana Pay link, the bare address', async () => {
    const currencies = await sandboxCurrencies();
    const solana = currencies.find((c) => c.name === 'USDC')!.networks.find((n) => n.name === 'Solana')!;
    assert.equal(solana.smart_contract?.decimals, 6, 'the sandbox says USDC on Solana has 6 decimals');
    const exact = await showPayment(orderJson({wallet_address: SOLANA_ADDRESS, coin: 'USDC', network: 'Solana', coin_amount: '11.26', payment_method: 'USDC-SOL'}), currencies);
    assert.equal(await exact.qr(), `solana:${SOLANA_ADDRESS}?amount=11.26&spl-token=${solana.smart_contract!.address}`);
    const tooFine = await showPayment(orderJson({wallet_address: SOLANA_ADDRESS, coin: 'USDC', network: 'Solana', coin_amount: '11.2600001', payment_method: 'USDC-SOL'}), currencies);
    assert.equal(tooFine.text('amount-to-pay')?.trim(), '11.2600001\u00a0USDC', 'the amount is still shown whole');
    assert.equal(await tooFine.qr(), SOLANA_ADDRESS);
  });
});
