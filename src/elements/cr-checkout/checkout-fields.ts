// The checkout form's fields (amount, beneficiary, e-mail, promo code, coin and network) and the brand's details,
// rendered from a FieldsView that the element builds on each render: what the fields show, and what each edit calls.
// The element keeps the state and the rules (form-model.ts); this file only says how the fields look and are labelled.
import {html, nothing, type TemplateResult} from 'lit';
import type {ProblemInfo} from '../../api/problems.js';
import type {Currency, Family, Product} from '../../api/schemas.js';
// The directive is small; the sanitizer runs when a section is first opened (the browser's own, or DOMPurify loaded then).
import {richText} from '../../html/rich-text.js';
import {detailLines, problemMessage} from '../../i18n/error-message.js';
import {formatCoin, formatMoney} from '../../i18n/format.js';
import type {CheckoutMessages} from '../../i18n/locales/en/checkout.js';
import type {CommonMessages} from '../../i18n/locales/en/common.js';
import {amountValue, coinUsable, fieldOfProblem, isRange, networkUsable, productInStock, type FieldKey, type FormValues} from './form-model.js';
import {callingCode} from './phone.js';

export type DetailKey = 'description' | 'how_to_redeem' | 'term_and_conditions';

/** The live, non-binding price of a range amount in the chosen coin. */
export interface Quote {
  /** The amount priced, as read in the locale it was typed in (`amountValue`): `1000` for "1.000" in German. */
  amount: string;
  coin: string;
  coinAmount: string;
}

export interface FieldsView {
  values: FormValues;
  product: Product | undefined;
  currencies: readonly Currency[];
  /** The country the beneficiary's phone number belongs to (ISO alpha-2). */
  country: string;
  locale: string;
  messages: CheckoutMessages;
  common: CommonMessages;
  /** What the client-side checks found, by field. */
  clientErrors: Partial<Record<FieldKey, string>>;
  /** What upstream refused (each knows its field). */
  problems: readonly ProblemInfo[];
  quote: Quote | undefined;
  quoteBusy: boolean;
  openDetails: ReadonlySet<DetailKey>;
  set: (field: FieldKey, patch: Partial<FormValues>) => void;
  blur: (field: FieldKey) => void;
  chooseProduct: (productId: string) => void;
  amountInput: (event: InputEvent) => void;
  chooseCoin: (event: Event) => void;
  chooseNetwork: (event: Event) => void;
  toggleDetails: (key: DetailKey, event: Event) => void;
}


/** Client-side message and upstream problems of one field. */
function fieldMessages(view: FieldsView, field: FieldKey): string[] {
  const lines: string[] = [];
  const client = view.clientErrors[field];
  if (client) lines.push(client);
  for (const problem of view.problems) {
    if (fieldOfProblem(problem.field) !== field) continue;
    lines.push(problemMessage(problem, view.common));
    const details = detailLines(problem.details, view.common);
    // The language's list ("A, B and C", "A、B和C"; made once a problem is shown, so not kept), after the heading
    // with the language's space, or none (Chinese).
    if (details) lines.push(view.common.sentences(details.heading, new Intl.ListFormat(view.locale).format(details.items)));
  }
  return lines;
}

/** Those messages, under the id the field's aria-describedby points to (`amount-error`, …). */
export function renderFieldMessages(view: FieldsView, field: FieldKey): TemplateResult | typeof nothing {
  const lines = fieldMessages(view, field);
  if (!lines.length) return nothing;
  return html`<div id=${`${field}-error`} class="field-error" part="field-error" data-field=${field} role=${field === 'form' ? 'alert' : nothing}>
    ${lines.map((line) => html`<p>${line}</p>`)}
  </div>`;
}

function isInvalid(view: FieldsView, field: FieldKey): boolean {
  return fieldMessages(view, field).length > 0;
}

/** The ids of `hint` and of the field's messages, where it has any, for aria-describedby. */
export function describedBy(view: FieldsView, field: FieldKey, hint?: string): string | typeof nothing {
  const ids = [hint, isInvalid(view, field) ? `${field}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function renderAmount(view: FieldsView, family: Family): TemplateResult {
  const product = view.product;
  const range = family.products.find(isRange);
  return range ? renderRange(view, family, range) : renderDenominations(view, family, product);
}

function renderDenominations(view: FieldsView, family: Family, selected: Product | undefined): TemplateResult {
  const m = view.messages;
  const invalid = isInvalid(view, 'amount');
  return html`<fieldset class="field" part="amount" aria-describedby=${describedBy(view, 'amount')} aria-invalid=${invalid}>
    <legend class="field-label">${m.amount}</legend>
    <div class="denominations">
      ${family.products.map((product, i) => {
        const inStock = productInStock(family, product);
        const checked = product.product_id === selected?.product_id;
        const parts = ['denomination', checked ? 'denomination-selected' : '', inStock ? '' : 'denomination-out-of-stock'].filter(Boolean).join(' ');
        const label = product.localized_denomination || product.denomination || '';
        return html`<label class="denomination ${checked ? 'checked' : ''} ${inStock ? '' : 'disabled'}" part=${parts}>
          <input
            type="radio"
            name="denomination"
            id=${`denomination-${i}`}
            .value=${product.product_id}
            .checked=${checked}
            ?disabled=${!inStock}
            @change=${() => view.chooseProduct(product.product_id)}
          />
          <span class="denomination-label">${label}</span>
          ${inStock
            ? // The coin the products were read in: not the last coin's price while the chosen one's are on their way.
              product.coin_amount && product.coin && product.coin === view.values.coin
              ? html`<span class="denomination-coin muted">${m.quote(formatCoin(view.locale, product.coin_amount, product.coin))}</span>`
              : nothing
            : html`<span class="denomination-coin">${m.outOfStock}</span>`}
        </label>`;
      })}
    </div>
    ${renderFieldMessages(view, 'amount')}
  </fieldset>`;
}

function renderRange(view: FieldsView, family: Family, product: Product): TemplateResult {
  const m = view.messages;
  const range = product.range!;
  const currency = range.currency ?? product.face_value?.currency_code ?? '';
  const min = formatMoney(view.locale, range.min, currency);
  const max = formatMoney(view.locale, range.max, currency);
  const inStock = productInStock(family, product);
  const quote = view.quote;
  // The quote of the amount as read now: "1.000" priced as 1 on an English page is not a price of the 1000 it is in German.
  const quoteNow = quote && quote.amount === amountValue(view.values.amount, view.locale) && quote.coin === view.values.coin ? quote : undefined;
  return html`<div class="field" part="amount">
    <label class="field-label" for="amount-input">${currency ? view.common.aside(m.amount, currency) : m.amount}</label>
    <input
      id="amount-input"
      class="input"
      part="amount-input"
      type="text"
      inputmode="decimal"
      autocomplete="off"
      .value=${view.values.amount}
      ?disabled=${!inStock}
      aria-invalid=${isInvalid(view, 'amount')}
      aria-describedby=${describedBy(view, 'amount', 'amount-hint')}
      @input=${view.amountInput}
      @blur=${() => view.blur('amount')}
    />
    <p id="amount-hint" class="hint muted">${inStock ? m.amountRange(min, max) : m.outOfStock}</p>
    <p class="quote" part="quote" aria-live="polite">
      ${quoteNow
        ? html`<span class="quote-amount">${m.quote(formatCoin(view.locale, quoteNow.coinAmount, quoteNow.coin))}</span>
            <span class="hint muted">${m.quoteNote}</span>`
        : view.quoteBusy
          ? html`<span class="muted">${m.quoteLoading}</span>`
          : nothing}
    </p>
    ${renderFieldMessages(view, 'amount')}
  </div>`;
}

export function renderBeneficiary(view: FieldsView): TemplateResult {
  const m = view.messages;
  const phone = view.product?.delivery_type === 'by_phone';
  const code = callingCode(view.country);
  return html`<div class="field">
    <label class="field-label" for="beneficiary">${phone ? m.beneficiaryPhone : m.beneficiaryEmail}</label>
    <div class=${phone && code ? 'with-prefix' : ''}>
      ${phone && code ? html`<span class="prefix" aria-hidden="true">+${code}</span>` : nothing}
      <input
        id="beneficiary"
        class="input"
        part="beneficiary-input"
        type=${phone ? 'tel' : 'email'}
        inputmode=${phone ? 'tel' : 'email'}
        autocomplete=${phone ? 'tel' : 'off'}
        spellcheck="false"
        .value=${view.values.beneficiary}
        aria-invalid=${isInvalid(view, 'beneficiary')}
        aria-describedby=${describedBy(view, 'beneficiary', 'beneficiary-hint')}
        @input=${(e: InputEvent) => view.set('beneficiary', {beneficiary: (e.target as HTMLInputElement).value})}
        @blur=${() => view.blur('beneficiary')}
      />
    </div>
    <p id="beneficiary-hint" class="hint muted">${phone ? m.beneficiaryPhoneHint(code ?? '') : m.beneficiaryEmailHint}</p>
    ${renderFieldMessages(view, 'beneficiary')}
  </div>`;
}

export function renderEmail(view: FieldsView): TemplateResult {
  const m = view.messages;
  return html`<div class="field">
    <label class="field-label" for="email">${m.email}</label>
    <input
      id="email"
      class="input"
      part="email-input"
      type="email"
      inputmode="email"
      autocomplete="email"
      spellcheck="false"
      required
      .value=${view.values.email}
      aria-invalid=${isInvalid(view, 'email')}
      aria-describedby=${describedBy(view, 'email', 'email-hint')}
      @input=${(e: InputEvent) => view.set('email', {email: (e.target as HTMLInputElement).value})}
      @blur=${() => view.blur('email')}
    />
    <p id="email-hint" class="hint muted">${m.emailHint}</p>
    ${renderFieldMessages(view, 'email')}
  </div>`;
}

export function renderPromo(view: FieldsView): TemplateResult {
  const m = view.messages;
  return html`<div class="field">
    <label class="field-label" for="promo">${m.promoCode}</label>
    <input
      id="promo"
      class="input"
      part="promo-input"
      type="text"
      autocomplete="off"
      spellcheck="false"
      .value=${view.values.promo}
      aria-invalid=${isInvalid(view, 'coupon')}
      aria-describedby=${describedBy(view, 'coupon')}
      @input=${(e: InputEvent) => view.set('coupon', {promo: (e.target as HTMLInputElement).value})}
    />
    ${renderFieldMessages(view, 'coupon')}
  </div>`;
}

/**
 * One coin or network of the payment selects: a suspended one stays listed, marked, and cannot be chosen. `selected`
 * is set as a property: an option the user picked no longer follows its attribute, so the select would go on showing
 * another network than the one ordered once the list changes under it.
 */
function renderChoice(view: FieldsView, name: string, chosen: string | undefined, usable: boolean): TemplateResult {
  return html`<option value=${name} .selected=${name === chosen} ?disabled=${!usable}>
    ${usable ? name : view.common.aside(name, view.messages.suspended)}
  </option>`;
}

export function renderCoins(view: FieldsView): TemplateResult {
  const m = view.messages;
  const currencies = view.currencies;
  const coin = currencies.find((c) => c.name === view.values.coin);
  const anySuspended = currencies.some((c) => c.is_suspended === true || c.networks.some((n) => n.is_suspended === true));
  const invalid = isInvalid(view, 'payment');
  const described = describedBy(view, 'payment', anySuspended ? 'payment-hint' : undefined);
  return html`<fieldset class="field">
    <legend class="field-label">${m.payWith}</legend>
    <div class="row">
      <label class="sub-field">
        <span class="field-label small">${m.coin}</span>
        <select id="coin" class="input" part="coin-select" aria-invalid=${invalid} aria-describedby=${described} @change=${view.chooseCoin}>
          ${coin ? nothing : html`<option value="" selected disabled>—</option>`}
          ${currencies.map((c) => renderChoice(view, c.name, view.values.coin, coinUsable(c)))}
        </select>
      </label>
      <label class="sub-field">
        <span class="field-label small">${view.common.onNetwork}</span>
        <select id="network" class="input" part="network-select" aria-invalid=${invalid} aria-describedby=${described} @change=${view.chooseNetwork}>
          ${(coin?.networks ?? []).map((n) => renderChoice(view, n.name, view.values.network, networkUsable(n)))}
        </select>
      </label>
    </div>
    ${anySuspended ? html`<p id="payment-hint" class="hint muted">${m.suspendedCoinHint}</p>` : nothing}
    ${renderFieldMessages(view, 'payment')}
  </fieldset>`;
}

export function renderDetails(view: FieldsView, family: Family): TemplateResult | typeof nothing {
  const m = view.messages;
  const rich = family.rich_description;
  const sections: [DetailKey, string, string | null | undefined][] = [
    ['description', m.about, rich?.description],
    ['how_to_redeem', m.howToRedeem, rich?.how_to_redeem],
    ['term_and_conditions', m.terms, rich?.term_and_conditions],
  ];
  const shown = sections.filter(([, , text]) => text) as [DetailKey, string, string][];
  const tc = family.product_tc;
  if (!shown.length && !tc) return nothing;
  return html`<div class="details">
    ${shown.map(
      ([key, title, text]) => html`<details part="details" @toggle=${(e: Event) => view.toggleDetails(key, e)}>
        <summary>${title}</summary>
        <div class="rich" data-detail=${key}>${view.openDetails.has(key) ? richText(text) : nothing}</div>
      </details>`,
    )}
    ${tc && !rich?.term_and_conditions
      ? html`<details part="details"><summary>${m.terms}</summary><p class="rich">${tc}</p></details>`
      : nothing}
  </div>`;
}
