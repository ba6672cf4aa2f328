import {assert, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {CopyController} from '../../src/elements/shared/copy-controller.js';
import {pasteClipboard, realClick} from '../support/clipboard.js';

class CopyHost extends LitElement {
  copier = new CopyController(this);
  result: Promise<boolean> | undefined;
  override render() {
    return html`
      <button id="address" @click=${() => (this.result = this.copier.copy('address', 'bc1qexampleaddress'))}>Copy address</button>
      <button id="amount" @click=${() => (this.result = this.copier.copy('amount', '1.5'))}>Copy amount</button>
      <span id="state">${this.copier.copied ?? ''}</span>`;
  }
}
customElements.define('test-copy-host', CopyHost);


suite('CopyController', () => {
  test('copies the text on a click and marks the key as copied', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    await realClick(el.shadowRoot!.querySelector('#address')!);
    assert.isTrue(await el.result);
    assert.equal(el.copier.copied, 'address');
    await el.updateComplete;
    assert.equal(el.shadowRoot!.querySelector('#state')!.textContent, 'address');
    assert.equal(await pasteClipboard(), 'bc1qexampleaddress');
  });

  test('a second copy replaces the first', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    await realClick(el.shadowRoot!.querySelector('#address')!);
    await el.result;
    await realClick(el.shadowRoot!.querySelector('#amount')!);
    assert.isTrue(await el.result);
    assert.equal(el.copier.copied, 'amount');
  });
});
