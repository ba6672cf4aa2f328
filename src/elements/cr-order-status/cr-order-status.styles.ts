import {css} from 'lit';

export const statusStyles = css`
  :host {
    padding: calc(var(--_space) * 2);
  }
  h2 {
    margin: 0 0 calc(var(--_space) * 1.5);
    font-size: 1.25em;
  }
  h3,
  h4,
  h5 {
    margin: 0 0 var(--_space);
  }
  h4 {
    font-size: 1.05em;
  }
  h5 {
    font-size: 0.95em;
  }
  p {
    margin: 0 0 var(--_space);
  }
  .progress {
    display: flex;
    gap: var(--_space);
    list-style: none;
    margin: 0 0 calc(var(--_space) * 2);
    padding: 0;
  }
  .progress li {
    /* Shares by content, so a long name takes the room a short one leaves; a word breaks only past that. */
    flex: 1 1 auto;
    display: flex;
    gap: calc(var(--_space) / 2);
    padding-top: var(--_space);
    border-top: 3px solid var(--_border);
    color: var(--_muted);
    min-width: 0;
    /* The label under its dot, at any width: beside it, a phone's third of the row would split words. A word is
       only broken where it cannot fit on a line of its own. \`anywhere\` rather than \`break-word\` breaks the same
       words, and also lets the row count as narrow where the page sizes by content (a grid's \`auto\` column): with
       \`break-word\` the three whole words set the least width of the element, and of its column, past 320 px. */
    flex-direction: column;
    align-items: flex-start;
    overflow-wrap: anywhere;
    hyphens: auto;
  }
  /* At most its step's width, so that a long word (German "Abgeschlossen" at 320 px) breaks instead of running out. */
  .progress .step-name {
    max-width: 100%;
  }
  .progress li.done {
    border-top-color: var(--_success);
    color: var(--_fg);
  }
  .progress li[aria-current='step'] {
    border-top-color: var(--_accent);
    color: var(--_fg);
    font-weight: 600;
  }
  .dot {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 1.6em;
    height: 1.6em;
    border-radius: 50%;
    border: 1px solid currentColor;
    font-size: 0.85em;
  }
  .strong {
    font-weight: 600;
  }
  .note {
    font-size: 0.9em;
  }
  .small {
    font-size: 0.875em;
  }
  .box {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .failure {
    border-color: var(--_danger);
  }
  a {
    color: var(--_accent);
  }
  a.button {
    text-decoration: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: var(--_space) 0;
  }
  .lines {
    display: grid;
    /* A recipient's e-mail longer than a 320 px line wraps. */
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .label {
    font-weight: 600;
  }
  /* Codes read left to right on a right-to-left page too: their digit groups are not reversed. */
  code,
  .facts dd > span {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
    direction: ltr;
    unicode-bidi: isolate;
  }
  code {
    padding: 2px 6px;
    border-radius: 6px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .code {
    font-size: 1.1em;
    letter-spacing: 0.03em;
  }
  .copy {
    min-width: 44px;
  }
  .deliveries {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .delivery {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .facts {
    display: grid;
    /* The value's column may shrink below its content: a serial and its copy button then wrap within the card. */
    grid-template-columns: max-content minmax(0, 1fr);
    gap: calc(var(--_space) / 2) var(--_space);
    margin: var(--_space) 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    overflow-wrap: anywhere;
  }
  .facts dd {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .barcode,
  .qr-image,
  .qr svg {
    display: block;
    max-width: 100%;
    background: #fff;
    border-radius: 6px;
    margin: var(--_space) 0;
  }
  .barcode {
    height: auto;
    max-height: 120px;
  }
  .qr-image,
  .qr svg {
    width: 200px;
    height: 200px;
  }
  /* Upstream's text may hold a long link or preformatted lines: wrapped within the card. */
  .instructions {
    margin-top: var(--_space);
    font-size: 0.95em;
    overflow-wrap: anywhere;
  }
  .instructions pre {
    white-space: pre-wrap;
  }
  .instructions :is(ol, ul) {
    margin: 0;
    padding-left: 1.4em;
  }
`;
