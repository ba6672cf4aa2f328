import {assert, fixture, html} from '@open-wc/testing';
import {render} from 'lit';
import {qrMatrix} from '../../src/qr/qr-matrix.js';
import {qrSvg} from '../../src/qr/qr-svg.js';
import {decodeQrSvg} from '../support/qr-decode.js';

const samples = [
  'bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.00032833',
  'lightning:lnbc328330n1p4gm57app5cktdduky6ugjxfun84rt5akr3qs05pckre4547scv0ha0q6n',
  'ethereum:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48@1/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed&uint256=25130000',
  'solana:7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV?amount=25.13&spl-token=EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  // A full BOLT11 invoice (with route hints and signature, as wallets issue them): the longest text we encode.
  `lightning:lnbc328330n1p4gm57app5cktdduky6ugjxfun84rt5akr3qs05pckre4547scv0ha0q6nsdqqcqzzsxqyz5vqsp5${'q9w8e7r6t5y4u3i2o1p0a9s8d7f6g5h4j3k2l1z0x9c8v7b6n5m4'.repeat(5)}9qyyssq`,
  // An eSIM activation code.
  'LPA:1$smdp.example.com$K2-1A2B3C-4D5E6F-7G8H9I-0J1K2L',
];

suite('QR code', () => {
  for (const text of samples) {
    test(`reads back exactly: ${text.slice(0, 24)}…`, async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      render(qrSvg(await qrMatrix(text), 'QR code'), host);
      const decoded = await decodeQrSvg(host.querySelector('svg')!);
      assert.equal(decoded, text);
    });
  }

  test('has an accessible name', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    render(qrSvg(await qrMatrix('bitcoin:bc1q'), 'QR code to pay'), host);
    const svgEl = host.querySelector('svg')!;
    assert.equal(svgEl.getAttribute('role'), 'img');
    assert.equal(svgEl.getAttribute('aria-label'), 'QR code to pay');
  });
});
