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

/** Makes navigator.clipboard.writeText refuse (as in an iframe without clipboard-write) until the returned undo. */
function refuseClipboardApi(): () => void {
  const refusing = {writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))};
  Object.defineProperty(navigator, 'clipboard', {configurable: true, get: () => refusing});
  // An own property shadows the prototype's getter; deleting it restores the real one.
  return () => delete (navigator as {clipboard?: Clipboard}).clipboard;
}

suite('CopyController without the Clipboard API', () => {
  test('the selection copy still puts the text on the clipboard, and the focus goes back to the button', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    const undo = refuseClipboardApi();
    try {
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('#amount')!;
      button.focus();
      await realClick(button);
      assert.isTrue(await el.result, 'copied by selection');
      assert.equal(el.copier.copied, 'amount');
      assert.isUndefined(el.copier.failed);
      assert.isTrue(el.shadowRoot!.activeElement === button, 'the focus is back on the copy button');
      assert.isNull(document.querySelector('textarea'), 'the helper textarea is gone');
    } finally {
      undo();
    }
    assert.equal(await pasteClipboard(), '1.5');
  });

  test('when no way of copying works: false, `failed` names the item, nothing is marked copied', async () => {
    const el = await fixture<CopyHost>(html`<test-copy-host></test-copy-host>`);
    const undo = refuseClipboardApi();
    const execCommand = document.execCommand;
    document.execCommand = () => false;
    try {
      await realClick(el.shadowRoot!.querySelector('#address')!);
      assert.isFalse(await el.result);
      assert.isUndefined(el.copier.copied);
      assert.equal(el.copier.failed, 'address');
    } finally {
      document.execCommand = execCommand;
      undo();
    }
  });
});
