import {assert, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {sanitizeHtml, sanitizeNatively, sanitizerEngine, withinAllowList, withoutCspTriggers, type SanitizerEngine} from '../../src/html/sanitize.js';
import {richText} from '../../src/html/rich-text.js';

const traps = `
  <p onclick="window.__pwned = 1">Hello <b>world</b></p>
  <script>window.__pwned = 2</script>
  <img src="x" onerror="window.__pwned = 3">
  <img src="http://127.0.0.1:9/tracker.png">
  <iframe src="javascript:window.__pwned = 4"></iframe>
  <style>body { display: none }</style>
  <a href="javascript:window.__pwned = 5">bad link</a>
  <a href="https://example.com/redeem">good link</a>
  <svg><script>window.__pwned = 6</script></svg>
  <form action="https://evil.example"><input name="x"></form>
  <ul><li>one</li><li style="color:red">two</li></ul>`;

function serialize(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

for (const engine of ['native', 'dompurify'] as SanitizerEngine[]) {
  suite(`sanitizeHtml (${engine})`, () => {
    /** The engine's own result: for the browser's sanitizer, never a silent fallback to DOMPurify. */
    const sanitize = async (input: string): Promise<DocumentFragment> => {
      if (engine === 'dompurify') return sanitizeHtml(input, 'dompurify');
      const fragment = sanitizeNatively(withoutCspTriggers(input));
      assert.ok(fragment, 'the browser\'s sanitizer produced a result that passed the allow-list check');
      return fragment;
    };

    test('keeps safe markup and drops every script, handler, style and remote resource', async () => {
      const out = serialize(await sanitize(traps));
      assert.include(out, '<b>world</b>');
      assert.include(out, '<li>one</li>');
      for (const banned of ['<script', 'onclick', 'onerror', '<img', '<iframe', '<style', 'javascript:', '<svg', '<form', '<input', 'style=']) {
        assert.notInclude(out.toLowerCase(), banned, `${banned} survived`);
      }
    });

    test('safe links open in a new tab without an opener; unsafe links lose their href', async () => {
      const div = document.createElement('div');
      div.append(await sanitize(traps));
      const links = [...div.querySelectorAll('a')];
      const good = links.find((a) => a.textContent === 'good link')!;
      const bad = links.find((a) => a.textContent === 'bad link')!;
      assert.equal(good.getAttribute('href'), 'https://example.com/redeem');
      assert.equal(good.getAttribute('rel'), 'noopener noreferrer nofollow');
      assert.equal(good.getAttribute('target'), '_blank');
      assert.isNull(bad.getAttribute('href'));
    });

    test('the same allow-list either way: tables, lists, headings, mailto links, and the sandbox\'s own traps', async () => {
      const rich = `<h3>Terms</h3><table><tbody><tr><td colspan="2" title="t">cell</td></tr></tbody></table>
        <ol><li><a href="mailto:help@example.com">mail</a></li></ol><p data-x="1" aria-hidden="true" class="c" id="i">text</p>
        <a href="data:text/html,x">data</a><a href=" JaVaScRiPt:alert(1)">js</a><math><mi>x</mi></math><video src="v"></video>`;
      const div = document.createElement('div');
      div.append(await sanitize(rich));
      assert.equal(div.querySelector('td')?.getAttribute('colspan'), '2');
      assert.equal(div.querySelector('td')?.getAttribute('title'), 't');
      assert.equal(div.querySelector('h3')?.textContent, 'Terms');
      assert.equal(div.querySelector('a[href^="mailto:"]')?.textContent, 'mail');
      const p = div.querySelector('p')!;
      assert.deepEqual(p.getAttributeNames(), [], 'no data-, aria-, class or id attributes from upstream');
      assert.isNull(div.querySelector('math, video, [href^="data:"], [href*="script:" i]'));
    });
  });
}

suite('sanitizeHtml: which engine', () => {
  test('both engines keep the same words: text inside elements off the allow-list stays (only the element goes)', async () => {
    const upstream = `<h2>How to redeem</h2><section><p>Enter the <font color="red">code</font> at <mark>checkout</mark>,
      <del>not</del> <ins>then</ins> <abbr title="personal identification number">PIN</abbr>.</p></section>
      <table><caption>Fees</caption><tbody><tr><td>1</td></tr></tbody><tfoot><tr><td>Total</td></tr></tfoot></table>
      <footer><address>support@example.com</address></footer><script>gone()</script><video>gone too</video>`;
    // Blocks' texts touch in textContent: compared without white space.
    const words = (fragment: DocumentFragment) => (fragment.textContent ?? '').replace(/\s+/g, '');
    const native = sanitizeNatively(withoutCspTriggers(upstream));
    assert.ok(native, "the browser's sanitizer produced a result that passed the allow-list check");
    const purified = await sanitizeHtml(upstream, 'dompurify');
    const expected = 'How to redeem Enter the code at checkout, not then PIN. Fees 1 Total support@example.com'.replace(/\s+/g, '');
    assert.equal(words(purified), expected);
    assert.equal(words(native), expected);
  });

  test('Chromium has the standard Sanitizer API: the browser itself sanitizes (the native results above are its own)', () => {
    assert.equal(sanitizerEngine(), 'native');
    // Not a silent fallback to DOMPurify: the browser's result passes the allow-list check by itself.
    const fragment = sanitizeNatively(withoutCspTriggers(traps));
    assert.ok(fragment, 'the native sanitizer produced a result that passed the check');
    assert.equal(serialize(fragment).includes('<b>world</b>'), true);
  });

  test('the allow-list check catches what a sanitizer should have removed', () => {
    const parse = (markup: string) => document.createRange().createContextualFragment(markup);
    assert.isTrue(withinAllowList(parse('<p>a <a href="https://x.example" target="_blank" rel="noopener">b</a></p>')));
    assert.isFalse(withinAllowList(parse('<p><img alt=""></p>')));
    assert.isFalse(withinAllowList(parse('<p class="x">a</p>')));
    assert.isFalse(withinAllowList(parse('<a href="javascript:void 0">a</a>')));
    assert.isFalse(withinAllowList(parse('<svg><a href="https://x.example">a</a></svg>')));
    assert.isFalse(withinAllowList(parse('<p target="_blank">a</p>')), 'target belongs on links only');
  });
});

/** The smallest Lit element showing `richText(value)`, in its light DOM so the test reads it directly. */
class RichHost extends LitElement {
  static override properties = {value: {}};
  declare value: string | undefined;
  protected override createRenderRoot() {
    return this;
  }
  override render() {
    return html`${richText(this.value)}`;
  }
}
customElements.define('rich-host', RichHost);

suite('rich text', () => {
  test('richText renders sanitized HTML into a template and nothing runs', async () => {
    (window as unknown as {__pwned?: number}).__pwned = undefined;
    const host = await fixture<RichHost>(html`<rich-host .value=${traps}></rich-host>`);
    // The sanitizer loads lazily: wait until the content is in.
    for (let i = 0; i < 50 && !host.querySelector('b'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(host.querySelector('b')?.textContent, 'world');
    assert.isNull(host.querySelector('script, img, iframe, style'));
    host.querySelector('p')?.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    await new Promise((r) => setTimeout(r, 50));
    assert.isUndefined((window as unknown as {__pwned?: number}).__pwned);
  });

  test('the same input is sanitized once and kept as it is across renders; a new one replaces it', async () => {
    const host = await fixture<RichHost>(html`<rich-host .value=${'<p>one <b>bold</b></p>'}></rich-host>`);
    for (let i = 0; i < 50 && !host.querySelector('b'); i++) await new Promise((r) => setTimeout(r, 20));
    const shown = host.querySelector('p')!;
    host.requestUpdate();
    await host.updateComplete;
    assert.strictEqual(host.querySelector('p'), shown, 'a re-render keeps the very nodes (no flicker, links keep focus)');
    host.value = '<p>two</p>';
    for (let i = 0; i < 50 && host.querySelector('p')?.textContent !== 'two'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(host.textContent!.trim(), 'two', 'only the new input is shown');
  });

  test('richText of nothing renders nothing', async () => {
    const host = await fixture<RichHost>(html`<rich-host></rich-host>`);
    assert.equal(host.textContent?.trim(), '');
  });
});

suite('withoutCspTriggers (pre-pass that keeps CSP reports quiet)', () => {
  test('no parser ever sees an on… attribute, whatever the spelling', () => {
    const traps = `<img/onerror="x()" src=x><p onclick = "y()" title="a">text</p><svg/onload=z()>
      <a href=# ONMOUSEOVER='w()'>l</a><div data-x="1"onfocus=v() tabindex=0></div><b\tonpointerdown=u()>b</b>`;
    const parsed = new DOMParser().parseFromString(withoutCspTriggers(traps), 'text/html');
    const names = [...parsed.body.querySelectorAll('*')].flatMap((el) => el.getAttributeNames());
    assert.isAbove(names.length, 3);
    assert.deepEqual(names.filter((n) => n.startsWith('on')), []);
    assert.equal(parsed.body.querySelector('p')?.textContent, 'text');
  });

  test('no <style> element or style attribute either, and the text around them stays', () => {
    const traps = `<p>before</p><style>body{display:none}</style><STYLE media="all">p{}</STYLE >` +
      `<svg><style>circle{}</style></svg><p style="color:red" STYLE = 'x' title="t">middle</p>` +
      ` <b>after</b><style>never closed, like the parser: to the end <p>gone</p>`;
    const cleaned = withoutCspTriggers(traps);
    const parsed = new DOMParser().parseFromString(cleaned, 'text/html');
    assert.deepEqual([...parsed.querySelectorAll('style')], []);
    const names = [...parsed.body.querySelectorAll('*')].flatMap((el) => el.getAttributeNames());
    assert.deepEqual(names.filter((n) => n === 'style'), []);
    assert.include(names, 'title');
    assert.equal(parsed.body.textContent?.replace(/\s+/g, ' ').trim(), 'before middle after');
    assert.notInclude(cleaned, 'display:none');
  });

  test('taking a <style> out never joins its two sides into a tag', () => {
    const cleaned = withoutCspTriggers('<scr<style></style>ipt>alert(1)</script><img o<style>x</style>nerror=y()>');
    const parsed = new DOMParser().parseFromString(cleaned, 'text/html');
    assert.deepEqual([...parsed.querySelectorAll('script')], []);
    const names = [...parsed.body.querySelectorAll('*')].flatMap((el) => el.getAttributeNames());
    assert.deepEqual(names.filter((n) => n.startsWith('on')), []);
  });
});
