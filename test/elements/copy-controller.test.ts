import {assert, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {CopyController} from '../../src/elements/shared/copy-controller.js';

class CopyHost extends LitElement {
  copier = new CopyController(this);
  override render() {
    return html`<span id="state">${this.copier.copied ?? this.copier.failed ?? ''}</span>`;
  }
}
customElements.define('test-copy-host', CopyHost);

suite('CopyController', () => {
  test('copies the text and marks the key as copied, then clears it', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    const ok = await el.copier.copy('address', 'bc1qexampleaddress');
    // Headless Chromium may refuse the async Clipboard API; the selection fallback must then succeed.
    assert.isTrue(ok);
    assert.equal(el.copier.copied, 'address');
    await el.updateComplete;
    assert.equal(el.shadowRoot!.querySelector('#state')!.textContent, 'address');
    const read = await navigator.clipboard.readText().catch(() => undefined);
    if (read !== undefined) assert.equal(read, 'bc1qexampleaddress');
  });

  test('a second copy replaces the first', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    await el.copier.copy('address', 'a');
    await el.copier.copy('amount', '1.5');
    assert.equal(el.copier.copied, 'amount');
  });
});
