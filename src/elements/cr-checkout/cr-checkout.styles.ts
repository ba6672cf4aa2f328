import {css} from 'lit';

export const checkoutStyles = css`
  :host {
    max-width: var(--cr-checkout-max-width, 36rem);
  }
  .base {
    padding: calc(var(--_space) * 2);
  }
  .title {
    font-size: 1.25em;
    margin: 0 0 calc(var(--_space) * 2);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .field-label {
    font-weight: 600;
    padding: 0;
  }
  .field-label.small {
    font-weight: 500;
    font-size: 0.9em;
  }
  .hint,
  .small {
    font-size: 0.875em;
    margin: 0;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: var(--_space);
  }
  .sub-field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .denominations {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .denomination {
    position: relative;
    display: grid;
    justify-items: center;
    min-width: 5.5rem;
    min-height: 44px;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .denomination input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: inherit;
  }
  .denomination.checked {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .denomination:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .denomination.disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .denomination-label {
    font-weight: 600;
  }
  .denomination-coin {
    font-size: 0.8em;
  }
  .with-prefix {
    display: flex;
    align-items: stretch;
  }
  .prefix {
    display: flex;
    align-items: center;
    padding: 0 var(--_space);
    border: 1px solid var(--_control-border);
    border-right: 0;
    border-radius: var(--_radius) 0 0 var(--_radius);
    background: var(--_surface);
  }
  .with-prefix .input {
    border-radius: 0 var(--_radius) var(--_radius) 0;
  }
  .quote {
    margin: 0;
    min-height: 1.45em;
  }
  .quote-amount {
    font-weight: 600;
    margin-right: var(--_space);
  }
  .field-error,
  .field-error p {
    color: var(--_danger);
    margin: 0;
    font-size: 0.9em;
  }
  .form-error {
    display: grid;
    gap: var(--_space);
    justify-items: start;
  }
  .form-error p {
    margin: 0;
  }
  .pay {
    width: 100%;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: cr-spin 0.8s linear infinite;
  }
  @keyframes cr-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .details details {
    border-top: 1px solid var(--_border);
    padding: var(--_space) 0;
  }
  .details summary {
    cursor: pointer;
    font-weight: 600;
    min-height: 24px;
  }
  .rich {
    overflow-wrap: anywhere;
  }
  .rich a {
    color: var(--_accent);
  }
  .message,
  .payment {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    justify-items: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .warning {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-left: 4px solid var(--_danger);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .pay-facts {
    display: grid;
    gap: var(--_space);
    margin: 0;
    width: 100%;
  }
  .fact dt {
    font-weight: 600;
  }
  .fact dd {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    /* At 320 px a recipient's e-mail is longer than the line: it wraps rather than widen the screen. */
    min-width: 0;
    overflow-wrap: anywhere;
  }
  /* Amounts, addresses, ids and the time left read left to right on a right-to-left page too ("20.30 USDC"). */
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    direction: ltr;
    unicode-bidi: isolate;
  }
  .amount {
    font-size: 1.2em;
    font-weight: 700;
  }
  .address {
    overflow-wrap: anywhere;
    word-break: break-all;
    background: var(--_surface);
    padding: calc(var(--_space) / 2);
    border-radius: calc(var(--_radius) / 2);
  }
  .small-button {
    min-height: 36px;
    min-width: 44px;
    padding: 0 var(--_space);
    font-size: 0.9em;
  }
  .qr svg,
  .qr-placeholder {
    display: block;
    width: var(--cr-qr-size, 14rem);
    height: var(--cr-qr-size, 14rem);
  }
  .countdown {
    margin: 0;
    font-weight: 600;
  }
  .payment-status {
    margin: 0;
    font-weight: 600;
  }
  .skeleton-block {
    height: 12rem;
  }
  a.button {
    text-decoration: none;
  }
`;
