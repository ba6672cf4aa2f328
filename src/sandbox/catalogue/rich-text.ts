// Brand descriptions. Upstream sends HTML and clients must sanitise it, so some descriptions here carry every trap
// a sanitiser must defuse (script, event handlers, javascript: links, iframes, remote images, styles), beside the
// ordinary safe HTML (p, ul, li, b, a) that must survive sanitising.
import type {RichDescription} from './model.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Safe HTML only. */
export function safeRich(family: string): RichDescription {
  const name = esc(family);
  return {
    markup: 'html',
    description: `<p><b>${name}</b> gift cards are delivered by e-mail within minutes.</p><ul><li>No fees</li><li>Never expires</li></ul>`,
    how_to_redeem: `<ol><li>Open <a href="https://example.com/redeem" target="_blank" rel="noopener">the redeem page</a>.</li><li>Enter your code.</li></ol>`,
    term_and_conditions: `<p>Terms apply. See <a href="https://example.com/terms">example.com/terms</a>.</p>`,
  };
}

/** Every trap, mixed with safe HTML that must survive. The markers (SANDBOX-XSS-…) let tests check nothing ran. */
export function trapRich(family: string): RichDescription {
  const name = esc(family);
  return {
    markup: 'html',
    description:
      `<p>Shop millions of items with a <b>${name}</b> card.</p>` +
      `<script>window.__sandboxXss = 'SANDBOX-XSS-script'</script>` +
      `<img src="x" onerror="window.__sandboxXss='SANDBOX-XSS-onerror'">` +
      `<ul><li>Instant delivery</li><li onclick="window.__sandboxXss='SANDBOX-XSS-onclick'">Safe to gift</li></ul>` +
      `<style>body{display:none!important}</style>`,
    how_to_redeem:
      `<ol><li>Go to <a href="javascript:window.__sandboxXss='SANDBOX-XSS-js-link'">your account</a>.</li>` +
      `<li>Enter the code.</li></ol>` +
      `<iframe src="http://127.0.0.1:1/sandbox-xss-iframe"></iframe>` +
      `<img src="http://127.0.0.1:1/sandbox-remote-image.png" alt="tracking pixel">`,
    term_and_conditions:
      `<p>Void where prohibited. <a href="https://example.com/terms">Full terms</a>.</p>` +
      `<svg><script>window.__sandboxXss='SANDBOX-XSS-svg'</script></svg>` +
      `<form action="https://example.com/steal"><input name="card"></form>` +
      `<a href="  JaVaScRiPt:window.__sandboxXss='SANDBOX-XSS-mixed-case'">more</a>`,
  };
}

/** Redeem instructions in a delivered order: safe HTML plus one trap. */
export function redeemInstructions(family: string): string {
  return (
    `<ol><li>Visit the <b>${esc(family)}</b> website.</li><li>Enter the code below.</li></ol>` +
    `<img src="x" onerror="window.__sandboxXss='SANDBOX-XSS-redeem'">`
  );
}
