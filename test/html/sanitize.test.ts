import {assert, fixture, html} from '@open-wc/testing';
import {render} from 'lit';
import {sanitizeHtml, withoutCspTriggers} from '../../src/html/sanitize.js';
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

suite('sanitizeHtml', () => {
  test('keeps safe markup and drops every script, handler, style and remote resource', async () => {
    const out = serialize(await sanitizeHtml(traps));
    assert.include(out, '<b>world</b>');
    assert.include(out, '<li>one</li>');
    for (const banned of ['<script', 'onclick', 'onerror', '<img', '<iframe', '<style', 'javascript:', '<svg', '<form', '<input', 'style=']) {
      assert.notInclude(out.toLowerCase(), banned, `${banned} survived`);
    }
  });

  test('safe links open in a new tab without an opener; unsafe links lose their href', async () => {
    const div = document.createElement('div');
    div.append(await sanitizeHtml(traps));
    const links = [...div.querySelectorAll('a')];
    const good = links.find((a) => a.textContent === 'good link')!;
    const bad = links.find((a) => a.textContent === 'bad link')!;
    assert.equal(good.getAttribute('href'), 'https://example.com/redeem');
    assert.equal(good.getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(good.getAttribute('target'), '_blank');
    assert.isNull(bad.getAttribute('href'));
  });

  test('richText renders sanitized HTML into a template and nothing runs', async () => {
    (window as unknown as {__pwned?: number}).__pwned = undefined;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    render(html`${richText(traps)}`, host);
    // The sanitizer loads lazily: wait until the content is in.
    for (let i = 0; i < 50 && !host.querySelector('b'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(host.querySelector('b')?.textContent, 'world');
    assert.isNull(host.querySelector('script, img, iframe, style'));
    host.querySelector('p')?.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    await new Promise((r) => setTimeout(r, 50));
    assert.isUndefined((window as unknown as {__pwned?: number}).__pwned);
  });

  test('richText of nothing renders nothing', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    render(html`${richText(undefined)}`, host);
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
