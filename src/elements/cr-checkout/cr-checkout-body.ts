import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {state} from 'lit/decorators.js';
import {initialState, Task, TaskStatus} from '@lit/task';
import {getOrder, getPaymentVias, getPrice, getProducts, validateOrder} from '../../api/client.js';
import {ApiError, isApiError} from '../../api/errors.js';
import {LatestOnly} from '../../api/latest.js';
import {serverNow} from '../../api/server-clock.js';
import {validationProblems, type ProblemInfo} from '../../api/problems.js';
import type {Currency, Family, Order, Product} from '../../api/schemas.js';
import {errorEvent, orderCreatedEvent} from '../../events.js';
import {problemMessage} from '../../i18n/error-message.js';
import {canKeepOrders, clearOrder, clearPendingCreate, keepStoreOrders, loadOrderToResume, loadPendingCreate, saveAdopted} from '../../store/order-persistence.js';
import {goneWhenNotFound, isFinal, judge, keepSent} from '../../stream/accept.js';
import {OrderTrackerController} from '../../stream/order-tracker-controller.js';
import {awaitsPayment, isKnownState} from '../../upstream/states.js';
import {CrElement} from '../cr-element.js';
import {CopyController} from '../shared/copy-controller.js';
import {missingProxyUrl} from '../shared/missing-proxy.js';
import {Following, isFollowed, onFollowingChange} from '../shared/order-followers.js';
import {ANNOUNCE_AT_MINUTES, paymentWindowOver} from '../shared/payment-deadline.js';
import {
  amountValue,
  checkField,
  coinUsable,
  defaultPayment,
  defaultProduct,
  FIELD_ORDER,
  fieldOfProblem,
  isRange,
  networkFor,
  orderBody,
  rangeDefault,
  walletCurrencies,
  type CheckContext,
  type FieldKey,
  type FormValues,
} from './form-model.js';
import {clearMarker, createOnce, fingerprint, pruneMarkers, type CreateOutcome} from './order-guard.js';
import {currentTabId} from './tab-id.js';
import {checkoutStyles} from './cr-checkout.styles.js';
import {canResend, createKeyed, purchaseKey, resendPending, UNKNOWN_OUTCOME_CODES} from './keyed-create.js';
import {leaveButton, paymentNews, renderPayment, type PaymentView} from './payment-screen.js';
import {
  describedBy,
  renderAmount,
  renderBeneficiary,
  renderCoins,
  renderDetails,
  renderEmail,
  renderFieldMessages,
  renderPromo,
  type DetailKey,
  type FieldsView,
  type Quote,
} from './checkout-fields.js';

/** Quotes wait for the user to stop typing this long. */
const QUOTE_DEBOUNCE_MS = 300;

type Busy = 'validating' | 'creating' | 'waiting' | undefined;

interface LoadedFamily {
  key: string;
  family: Family | undefined;
}

/**
 * What `<cr-checkout>` does (its public class, attributes and doc block are in cr-checkout.ts): loaded as a lazy
 * chunk when the first one is connected (lazy-body.ts).
 */
export default class CheckoutBody extends CrElement {
  static bodyStyles = [checkoutStyles];

  // The public attributes, declared by the public class.
  declare brand?: string;
  declare now: () => number;
  declare paymentPollInterval: number;
  declare pollInterval: number;
  declare eventSource: typeof EventSource | null | undefined;

  @state() private _values!: FormValues;
  @state() private _clientErrors!: Partial<Record<FieldKey, string>>;
  @state() private _problems!: ProblemInfo[];
  @state() private _formError: unknown;
  @state() private _busy: Busy;
  /** After a create whose answer was lost: what we know of it ('checking' while it is sent again with its key). */
  @state() private _unknownOutcome: 'unknown' | 'checking' | 'still-unknown' | undefined;
  /** What the "still unknown" screen says (the proxy's reason, when it gave one). */
  @state() private _unknownReason: string | undefined;
  /**
   * The order being read before it is shown: the saved one after a reload, or another tab's that this one adopted
   * (`order` absent: this tab never had a copy). Kept until it comes, so every attempt reads the same order.
   */
  @state() private _resume: {orderId: string; order?: Order; error?: unknown} | undefined;
  /** "New purchase" was pressed on the payment screen: it asks before leaving the order. */
  @state() private _leaving!: boolean;
  /** The order upstream says it does not know (any more): said, never shown with its address again. */
  @state() private _lost: {orderId: string; error: unknown} | undefined;
  @state() private _quote: Quote | undefined;
  @state() private _quoteBusy!: boolean;
  @state() private _openDetails!: ReadonlySet<DetailKey>;
  @state() private _announcement!: string;
  /** The order shown: the store's, as last accepted (a phase never moves backwards). */
  @state() private _shown: Order | undefined;

  private _touched!: Set<FieldKey>;
  private _latest!: LatestOnly;
  private _quoteTimer: ReturnType<typeof setTimeout> | undefined;
  private _ticker: ReturnType<typeof setInterval> | undefined;
  /** The next attempt to resume the saved order after a failure (it may be paid: it is never given up on). */
  private _resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private _resumeFailures!: number;
  /** Which read of `_resume` is the current one: an answer to an earlier one (before "new purchase") is dropped. */
  private _resumeRun!: number;
  private _resumeChecked!: boolean;
  private _familyKey!: string;
  private _announced!: Map<string, number>;
  private _copier!: CopyController;
  private _follower!: OrderTrackerController;
  /** What the store is told this element follows itself (order-followers.ts). */
  private _following!: Following;
  private _lastCopied: string | undefined;
  /** The language and locale the field messages were last written in. */
  private _fieldWords: string | undefined;
  private _vias!: Task<readonly [string | undefined], Currency[]>;
  private _products!: Task<readonly [string | undefined, string, string, string | undefined, string], LoadedFamily>;

  /** The fields (lazy-body.ts: set here, not by initialisers, as an instance may predate this class). */
  initBody(): void {
    this._values = {productId: undefined, amount: '', beneficiary: '', email: '', coin: undefined, network: undefined, promo: ''};
    this._clientErrors = {};
    this._problems = [];
    this._quoteBusy = false;
    this._openDetails = new Set();
    this._announcement = '';
    this._touched = new Set();
    this._latest = new LatestOnly();
    this._resumeChecked = false;
    this._resumeFailures = 0;
    this._resumeRun = 0;
    this._leaving = false;
    this._familyKey = '';
    this._announced = new Map();
    this._copier = new CopyController(this);
    // Cross-tab markers left by tabs closed before their time was over (order-guard.ts).
    pruneMarkers();
    // This tab's id, now: a duplicate of this tab finds out it has a copied one long before its first order.
    currentTabId();
    keepStoreOrders();
    // On a page without a <cr-order-status> of its store, the checkout follows its own order (the same tracker:
    // stream, backoff, polling fallback), so the payment screen still sees the payment arrive, and the deliveries
    // after it (until isFinal: a Done order may still have one on its way). Where a status (or
    // another checkout of the store, begun first) follows that order, it does not: that one keeps the store current.
    this._following = new Following(this, false);
    this._follower = new OrderTrackerController(
      this,
      () => {
        const order = this._shown;
        const follow = !!order && !isFinal(order) && !isFollowed(this.storeInstance, order.order_id, this);
        return {
          proxyUrl: this.state.proxyUrl,
          orderId: follow ? order.order_id : undefined,
          knownOrder: order,
          options: {
            paymentPollMs: this.paymentPollInterval,
            pollMs: this.pollInterval,
            ...(this.eventSource !== undefined ? {eventSource: this.eventSource} : {}),
          },
        };
      },
      {
        onUpdate: ({order}) => this._storeIfNewer(order, false),
        onError: (error, fatal) => {
          const order = this._shown;
          if (fatal && error.code === 'not-found' && order) this._onLost(order.order_id, error);
        },
      },
    );
    let offFollowing: (() => void) | undefined;
    this.addController({
      hostConnected: () => (offFollowing = onFollowingChange(() => this.requestUpdate())),
      hostDisconnected: () => {
        offFollowing?.();
        this._following.clear();
      },
    });
    this._vias = new Task(this, {
      task: async ([proxyUrl], {signal}) => {
        if (proxyUrl === undefined) return missingProxyUrl(signal);
        return walletCurrencies(await getPaymentVias(proxyUrl, {signal}));
      },
      args: () => [this.state.proxyUrl] as const,
      onComplete: (currencies) => this._onCurrencies(currencies),
      onError: (error) => this.fireError(error),
    });

    this._products = new Task(this, {
      task: async ([proxyUrl, country, brandKey, coin, lang], {signal}): Promise<LoadedFamily | typeof initialState> => {
        if (proxyUrl === undefined || !brandKey) return initialState;
        // Prices come in the chosen coin; wait for the coins to be known unless they failed to load.
        if (!coin && this._vias.status !== TaskStatus.ERROR) return initialState;
        const key = `${country}|${brandKey}`;
        const [name, exactBrand] = brandKey.split('\u0000') as [string, string | undefined];
        const query = {coin, lang};
        let families = await getProducts(proxyUrl, country, {familyName: name, ...query}, {signal});
        // The attribute may name a brand rather than a family.
        if (!families.length && !exactBrand) families = await getProducts(proxyUrl, country, {brandName: name, ...query}, {signal});
        const family =
          families.find((f) => f.brand === (exactBrand ?? name)) ?? families.find((f) => f.family === name) ?? families[0];
        return {key, family};
      },
      args: () => [this.state.proxyUrl, this.state.country, this._brandKey(), this._values.coin, this.resolvedLang] as const,
      onComplete: (loaded) => this._onFamily(loaded),
      onError: (error) => this.fireError(error),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._quoteTimer);
    clearTimeout(this._resumeTimer);
    this._stopTicker();
    this._latest.cancel();
  }

  /** Loads products and coins again (what "try again" does after a loading failure). */
  async reload(): Promise<void> {
    await this._vias.run();
    await this._products.run();
  }

  /**
   * Forgets the current order (sessionStorage, the store, the cross-tab marker) and shows the form again with what
   * the user typed. What the "new purchase" button does; the only way to a second order.
   */
  newPurchase(): void {
    const store = this.storeInstance;
    const left = loadOrderToResume(store.name)?.orderId ?? this._resume?.orderId ?? store.get().order?.order_id;
    clearOrder(store.name);
    clearPendingCreate(store.name);
    clearMarker(store.name, currentTabId(), true);
    this._unknownOutcome = undefined;
    this._endResume();
    this._resumeFailures = 0;
    this._lost = undefined;
    this._leaving = false;
    this._problems = [];
    this._formError = undefined;
    this._shown = undefined;
    store.update({order: undefined, left});
  }

  // ---- derived ------------------------------------------------------------------------------------------------

  /** `family`/`brand` of the brand to sell, NUL-separated, or the attribute's name alone. */
  private _brandKey(): string {
    if (this.brand?.trim()) return this.brand.trim();
    const brand = this.state.brand;
    return brand ? `${brand.family}\u0000${brand.brand}` : '';
  }

  private get _family(): Family | undefined {
    const loaded = this._products.value;
    return loaded && loaded.key === `${this.state.country}|${this._brandKey()}` ? loaded.family : undefined;
  }

  private get _product(): Product | undefined {
    return this._family?.products.find((p) => p.product_id === this._values.productId);
  }

  private get _currencies(): Currency[] {
    return this._vias.value ?? [];
  }

  private _ctx(): CheckContext & {lang: string} {
    const family = this._family;
    return {
      family,
      product: this._product,
      currencies: this._currencies,
      country: (family as {country_code?: string} | undefined)?.country_code?.toUpperCase() || this.state.country,
      locale: this.locale,
      messages: this.messages.checkout,
      lang: this.resolvedLang,
    };
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another language or locale: what the form says of its fields is said again in it ("50,00 $" → "$50.00").
    const words = `${this.messages.lang}|${this.locale}`;
    if (this._fieldWords !== words) {
      this._fieldWords = words;
      for (const field of Object.keys(this._clientErrors) as FieldKey[]) this._check(field);
    }
    this._followStoreOrder();
    // Here, not in updated(): a tracker that starts says so at once, in this update rather than a second one.
    this._follower.sync();
    this._following.set(this.storeInstance, this._follower.tracker ? this._shown?.order_id : undefined);
    if (!this._resumeChecked && this.state.proxyUrl !== undefined) {
      this._resumeChecked = true;
      if (!this.state.order) {
        const saved = loadOrderToResume(this.storeInstance.name);
        if (saved) void this._resumeSaved(saved);
        else this._resumePending();
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const order = this._shown;
    const ticking = !!order && awaitsPayment(order.order_state);
    if (ticking) this._startTicker();
    else this._stopTicker();
    // Announce a copy once, through the live region.
    const copied = this._copier.copied ?? this._copier.failed;
    if (copied !== this._lastCopied) {
      this._lastCopied = copied;
      const m = this.messages.checkout;
      if (this._copier.failed) this._announce(m.copyFailed);
      else if (copied) this._announce(copied === 'amount' ? m.copiedAmount : m.copiedAddress);
    }
  }

  /** Takes the store's order when it is new, or a newer version of the one shown that does not go backwards. */
  private _followStoreOrder(): void {
    const next = this.state.order;
    const shown = this._shown;
    if (next === shown) return;
    if (!next || next.order_id === this._lost?.orderId) {
      this._shown = undefined;
      return;
    }
    // The order being resumed reached the store another way (a <cr-order-status> read it): no need to go on.
    if (this._resume?.orderId.toLowerCase() === next.order_id.toLowerCase()) {
      this._endResume();
      // A question asked on the "could not be loaded" screen is not asked again on the payment screen.
      this._leaving = false;
    }
    if (shown && next.order_id === shown.order_id) {
      // The tracker's accepting rules, not a phase check of its own: a step back inside a phase (paid read back as
      // partly paid) is refused here too, whoever wrote the store.
      const verdict = judge(shown.order_id, shown, next);
      if (!verdict.accept && verdict.reason !== 'duplicate') return;
      this._announceNews(shown, next);
    }
    this._shown = next;
  }

  /**
   * `order` into the store where it holds a version of it that this one may follow (the tracker's rules), or where it
   * holds no order at all when `orEmpty`: never over another order, never a step back. What the checkout's own tracker
   * brings goes in so (not `orEmpty`: not after "new purchase"), and so does a resumed read.
   */
  private _storeIfNewer(order: Order, orEmpty: boolean): void {
    const store = this.storeInstance;
    const current = store.get().order;
    if (current ? current.order_id === order.order_id && judge(order.order_id, current, order).accept : orEmpty) store.update({order});
  }

  /**
   * Says where the payment now stands ("payment received", what is still missing, …) through the live region, when
   * that changed; not where another element that is rendered follows the order (a <cr-order-status>, which says it
   * already, or a checkout of the store begun first, which does), so it is said once.
   */
  private _announceNews(shown: Order, next: Order): void {
    if (isFollowed(this.storeInstance, next.order_id, this, true)) return;
    // Past the window, the expired screen's alert has said it: never "send the rest" then.
    if (paymentWindowOver(next, serverNow(this.now()) / 1000)) return;
    const news = (order: Order) => paymentNews(order, this.messages.checkout, this.messages.common, this.locale);
    const now = news(next);
    if (now && now !== news(shown)) this._announce(now);
  }

  /**
   * Resumes the saved order (`saved`, when the caller has just read it), or goes on reading the one being resumed
   * (another tab's adopted order has no saved copy in this tab).
   */
  private async _resumeSaved(saved = this._keptToResume()): Promise<void> {
    if (!saved) return;
    const run = ++this._resumeRun;
    // While it is tried again, what went wrong stays said (rather than flicker to "resuming" and back).
    const failed = this._resume?.orderId === saved.orderId ? this._resume.error : undefined;
    this._resume = {orderId: saved.orderId, order: saved.order, error: failed};
    try {
      // Shown only after upstream confirmed it, in its current state.
      // A read that leaves out what was sent keeps what the saved copy knows: a part payment still asks for the rest.
      const order = keepSent(saved.order, await getOrder(this.state.proxyUrl, saved.orderId));
      if (run !== this._resumeRun) return;
      if (order.order_id !== saved.orderId) throw new ApiError('bad-response', 'another order');
      // A read that lags behind what this tab saw (a paid order read back as awaiting payment) is not shown: it would
      // bring the address back for an order already paid. Read again shortly, as after a failure. A state this
      // widget does not know does not hold a known one back (its rank is a guess).
      const verdict = saved.order && judge(saved.orderId, saved.order, order);
      const behind = verdict && !verdict.accept && (verdict.reason === 'backwards' || verdict.reason === 'older');
      if (behind && isKnownState(saved.order!.order_state)) return this._resumeLater();
      this._showResumed(order);
    } catch (error) {
      if (run !== this._resumeRun) return;
      // Lost only if it may be gone. An order this tab saw Done is not: upstream has its payment, and what this tab
      // saw of it is shown and followed on (the tracker reads it again as after a 5xx), not "could not find it".
      if (isApiError(error) && error.code === 'not-found') {
        return goneWhenNotFound(saved.order) ? this._onLost(saved.orderId, error) : this._showResumed(saved.order!);
      }
      if (isApiError(error) && error.code === 'aborted') return;
      this._resume = {...saved, error};
      if (this._resumeFailures === 0) this.fireError(error);
      this._resumeLater();
    }
  }

  /** The resume is over: `order` is shown. */
  private _showResumed(order: Order): void {
    this._resume = undefined;
    this._leaving = false;
    this._resumeFailures = 0;
    // The store may have moved on while the read was on its way (the status's stream said "paid"): only an order
    // newer than the store's copy goes into it.
    this._storeIfNewer(order, true);
  }

  /**
   * What "try again" and the timer read: the order this tab keeps for the store. Nothing kept where it could be means
   * it was left ("new purchase", maybe on another checkout of the store): the resume ends. Only where this tab can keep
   * nothing does the order being read stay the one to read.
   */
  private _keptToResume(): {orderId: string; order?: Order} | undefined {
    const kept = loadOrderToResume(this.storeInstance.name);
    if (kept || !canKeepOrders()) return kept ?? this._resume;
    this._endResume();
    return undefined;
  }

  /** No resume any more: nothing shown for it, no retry left, and the answer of a read on its way is dropped. */
  private _endResume(): void {
    this._resume = undefined;
    this._resumeRun++;
    clearTimeout(this._resumeTimer);
  }

  /** Tries the resume again by itself, 2 s doubling to 30 s (while "try again" stays at hand): the order may be paid. */
  private _resumeLater(): void {
    clearTimeout(this._resumeTimer);
    const delay = Math.min(30_000, 2000 * 2 ** this._resumeFailures++);
    if (this.isConnected) this._resumeTimer = setTimeout(() => void this._resumeSaved(), delay);
  }

  /** Upstream does not know the order: its copy goes, and the element says so (with its id, for support). */
  private _onLost(orderId: string, error: unknown): void {
    const name = this.storeInstance.name;
    // Only its own copy: another order may be kept by now.
    if (loadOrderToResume(name)?.orderId.toLowerCase() === orderId.toLowerCase()) clearOrder(name);
    this._endResume();
    this._shown = undefined;
    this._lost = {orderId, error};
    this.fireError(error);
  }

  private _onCurrencies(currencies: Currency[]): void {
    const current = currencies.find((c) => c.name === this._values.coin);
    // The coin kept where still usable, and then its network where still usable there (else the one networkFor picks).
    this._values = {
      ...this._values,
      ...(current && coinUsable(current) ? {network: networkFor(current, this._values.network)} : defaultPayment(currencies)),
    };
  }

  private _onFamily(loaded: LoadedFamily | typeof initialState): void {
    if (loaded === initialState) return;
    // A new brand: select its default product (the rest of what the user typed stays).
    if (loaded.key === this._familyKey) return;
    this._familyKey = loaded.key;
    const product = loaded.family ? defaultProduct(loaded.family) : undefined;
    this._values = {...this._values, productId: product?.product_id, amount: isRange(product) ? rangeDefault(product) : ''};
    this._problems = [];
    this._clientErrors = {};
    this._touched.clear();
    // The previous brand's quote (or one on its way) is not this brand's price, even at the same amount.
    this._quote = undefined;
    this._latest.cancel();
    // Once the task holds the new family (it calls onComplete before): the pre-filled default gets its quote too.
    queueMicrotask(() => this._scheduleQuote());
  }

  // ---- editing ------------------------------------------------------------------------------------------------

  private _set(field: FieldKey, patch: Partial<FormValues>): void {
    this._values = {...this._values, ...patch};
    // Upstream's verdict on this field no longer applies to what is typed now.
    this._problems = this._problems.filter((p) => fieldOfProblem(p.field) !== field);
    if (this._touched.has(field) || this._clientErrors[field]) this._check(field);
  }

  private _check(field: FieldKey): string | undefined {
    const message = checkField(field, this._values, this._ctx());
    const errors = {...this._clientErrors};
    if (message) errors[field] = message;
    else delete errors[field];
    this._clientErrors = errors;
    return message;
  }

  private _onBlur(field: FieldKey): void {
    this._touched.add(field);
    this._check(field);
  }

  private _onAmountInput(event: InputEvent): void {
    this._set('amount', {amount: (event.target as HTMLInputElement).value});
    this._scheduleQuote();
  }

  private _onCoin(event: Event): void {
    const coin = (event.target as HTMLSelectElement).value;
    const currency = this._currencies.find((c) => c.name === coin);
    this._set('payment', {coin, network: networkFor(currency, this._values.network)});
    this._scheduleQuote();
  }

  /** A live, non-binding price for range products: debounced, and a newer one aborts the older request. */
  private _scheduleQuote(): void {
    clearTimeout(this._quoteTimer);
    const product = this._product;
    const family = this._family;
    const amount = this._values.amount.trim();
    const coin = this._values.coin;
    const ctx = this._ctx();
    if (!family || !product || !isRange(product) || !coin || checkField('amount', this._values, ctx)) {
      this._latest.cancel();
      this._quoteBusy = false;
      return;
    }
    this._quoteBusy = true;
    const faceValue = amountValue(amount, ctx.locale)!;
    this._quoteTimer = setTimeout(() => {
      this._latest
        .run('quote', (signal) => getPrice(this.state.proxyUrl, {brandName: family.brand, countryCode: ctx.country, faceValue, coin}, {signal, retry: false}))
        .then((quote) => {
          this._quote = {amount: faceValue, coin, coinAmount: quote.coin_amount};
          this._quoteBusy = false;
        })
        .catch((error: unknown) => {
          // A quote is only a hint: a failed one just is not shown (the validation gives the real verdict).
          if (!(isApiError(error) && error.code === 'aborted')) this._quoteBusy = false;
        });
    }, QUOTE_DEBOUNCE_MS);
  }

  private _onToggleDetails(key: DetailKey, event: Event): void {
    const open = (event.target as HTMLDetailsElement).open;
    const next = new Set(this._openDetails);
    if (open) next.add(key);
    else next.delete(key);
    this._openDetails = next;
  }

  // ---- submitting ---------------------------------------------------------------------------------------------

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    // Locked while a request runs, and once an order exists: a second click never sends anything.
    if (this._busy || this._shown || this._unknownOutcome) return;
    const ctx = this._ctx();
    const errors: Partial<Record<FieldKey, string>> = {};
    for (const field of FIELD_ORDER) {
      const message = checkField(field, this._values, ctx);
      if (message) errors[field] = message;
      this._touched.add(field);
    }
    this._clientErrors = errors;
    const invalid = FIELD_ORDER.filter((f) => errors[f]);
    if (invalid.length) {
      this._announce(this.messages.checkout.invalid.summary(invalid.length));
      await this._focusField(invalid[0]!);
      return;
    }
    await this._validateAndCreate(orderBody(this._values, ctx));
  }

  private async _validateAndCreate(body: ReturnType<typeof orderBody>): Promise<void> {
    const proxyUrl = this.state.proxyUrl;
    const store = this.storeInstance;
    this._problems = [];
    this._formError = undefined;
    this._busy = 'validating';
    let creating = false;
    const typed = JSON.stringify(this._values);
    const product = this._product;
    const edited = () => typed !== JSON.stringify(this._values) || product?.product_id !== this._product?.product_id;
    try {
      const problems = validationProblems(await validateOrder(proxyUrl, body));
      // Edited meanwhile (another amount, another brand picked): the form no longer says what was validated, so it
      // is not ordered, nor are its problems shown over what it says now; Pay again sends what it says now. By
      // content: coins loaded again rewrite the same values.
      if (edited()) return;
      if (problems.length) return await this._showProblems(problems);
      // Another element of this store may have finished an order meanwhile: show it, never make a second one. Nor
      // while this tab keeps one the store does not show yet (another checkout of it is reading an adopted order).
      if (store.get().order) return;
      const kept = loadOrderToResume(store.name);
      if (kept) return void this._resumeSaved(kept);
      this._busy = 'creating';
      creating = true;
      const fp = fingerprint(body);
      const key = purchaseKey(store.name, proxyUrl, fp);
      const outcome = await createOnce(
        store.name,
        fp,
        async (theirKey) => {
          // Saved to sessionStorage (keyed-create.ts), and into the store before the in-flight guard is released.
          const order = await createKeyed(store.name, proxyUrl, body, fp, theirKey ?? key);
          store.update({order});
          return order;
        },
        {
          key,
          onWaiting: () => {
            this._busy = 'waiting';
            // The button's label says it too, but a label change of the focused button is not read out.
            this._announce(this.messages.checkout.waitingOtherTab);
          },
        },
      );
      if (outcome.kind === 'adopt-id') return this._adopt(outcome.orderId);
      this._tookOrder(outcome);
    } catch (error) {
      // Problems of a validation (`problems`) or of an HTTP-level refusal (SUSPENDED_COIN, …): next to their fields.
      // Not over a form edited meanwhile either (SUSPENDED_COIN for the coin it no longer has).
      if (isApiError(error) && error.problems.length) return edited() ? undefined : await this._showProblems(error.problems);
      if (creating && isApiError(error) && UNKNOWN_OUTCOME_CODES.has(error.code)) {
        // The POST may have created the order: say so, and let the user send it again with its key ("check again").
        this._unknownOutcome = 'unknown';
        this.fireError(error, this.messages.checkout.unknownOutcome);
        return;
      }
      this._formError = error;
      this.fireError(error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#form-error')?.focus();
    } finally {
      this._busy = undefined;
    }
  }

  private async _showProblems(problems: ProblemInfo[]): Promise<void> {
    this._problems = problems;
    for (const problem of problems) this.dispatchEvent(errorEvent(problem.raw, problemMessage(problem, this.messages.common)));
    const first = FIELD_ORDER.find((f) => problems.some((p) => fieldOfProblem(p.field) === f))!;
    // A problem of the whole form is said by its alert, once; focus stays where it is, on the pay button described by
    // it. A field's is said here (the one focused), and its field focused.
    if (first === 'form') return;
    this._announce(problemMessage(problems.find((p) => fieldOfProblem(p.field) === first)!, this.messages.common));
    await this._focusField(first);
  }

  private async _focusField(field: FieldKey): Promise<void> {
    this._busy = undefined;
    await this.updateComplete;
    const target =
      field === 'amount'
        ? (this.renderRoot.querySelector<HTMLElement>('#amount-input') ??
          this.renderRoot.querySelector<HTMLElement>('input[name="denomination"]:checked') ??
          this.renderRoot.querySelector<HTMLElement>('input[name="denomination"]:not(:disabled)'))
        : field === 'payment'
          ? this.renderRoot.querySelector<HTMLElement>('#coin')
          : this.renderRoot.querySelector<HTMLElement>(`#${field === 'coupon' ? 'promo' : field}`);
    target?.focus();
  }

  /**
   * "Check again" after an unknown outcome: adopts an order that turned up (this store, another tab), else sends
   * the create again with its idempotency key, which the proxy answers with the first one's order (never a second
   * one); without a key the proxy would take, it can only say the outcome is still unknown.
   */
  private _checkAgain(): void {
    const store = this.storeInstance;
    const saved = loadOrderToResume(store.name);
    if (saved) {
      this._unknownOutcome = undefined;
      this._resumeChecked = true;
      void this._resumeSaved(saved);
      return;
    }
    const pending = loadPendingCreate(store.name);
    if (pending && canResend(pending)) {
      void this._resend(pending);
      return;
    }
    this._unknownOutcome = 'still-unknown';
    this._unknownReason = undefined;
  }

  /** A create was sent before this page (re)loaded and never answered: send it again if safe, else say so. */
  private _resumePending(): void {
    const pending = loadPendingCreate(this.storeInstance.name);
    if (!pending) return;
    this._unknownOutcome = 'unknown';
    if (canResend(pending)) void this._resend(pending);
  }

  private async _resend(pending: NonNullable<ReturnType<typeof loadPendingCreate>>): Promise<void> {
    if (this._unknownOutcome === 'checking') return;
    const store = this.storeInstance;
    this._unknownOutcome = 'checking';
    try {
      // Through the store's guard, like a first create: another checkout of this store resending the same record
      // on this reload adopts this answer (one request, one event), and other tabs see the order id.
      const outcome = await createOnce(store.name, pending.fp, () => resendPending(store.name, this.state.proxyUrl, pending), {key: pending.key});
      this._unknownOutcome = undefined;
      if (outcome.kind === 'adopt-id') {
        // Another tab made this purchase: it is the order, and this tab's unanswered create must never go out again.
        clearPendingCreate(store.name);
        return this._adopt(outcome.orderId);
      }
      // This page never saw it created (the answer was lost, or came to the page before a reload): the event now.
      this._tookOrder(outcome);
    } catch (error) {
      if (isApiError(error) && UNKNOWN_OUTCOME_CODES.has(error.code)) {
        this._unknownOutcome = 'still-unknown';
        // The proxy could not tell either (upstream failed): its words, else "still no answer".
        this._unknownReason = this.fireError(error, error.code === 'outcome-unknown' ? this.errorText(error) : this.messages.checkout.stillUnknown);
        return;
      }
      // Refused for good: no order exists. Back to the form, with what upstream said next to its field.
      this._unknownOutcome = undefined;
      if (isApiError(error) && error.problems.length) return await this._showProblems(error.problems);
      this._formError = error;
      this.fireError(error);
    }
  }

  /**
   * The order a create answered (sent by this element, or by another checkout of this store that it waited for): into
   * the store unless that holds it already, and `cr-order-created` where this element made it.
   */
  private _tookOrder(outcome: Exclude<CreateOutcome, {kind: 'adopt-id'}>): void {
    const {order} = outcome;
    const store = this.storeInstance;
    const current = store.get().order;
    if (!current || current.order_id !== order.order_id) store.update({order});
    if (outcome.kind === 'created') this.dispatchEvent(orderCreatedEvent(order));
  }

  /**
   * Another tab created this very purchase: its order is read like a saved one after a reload, and tried again by
   * itself until it comes. A failed read is never an unknown outcome here: "start over" from one would make a
   * second order once the other tab's marker is too old to adopt.
   */
  private _adopt(orderId: string): void {
    // Kept for a reload of this tab, and for the other checkouts of the store (which resume it rather than create).
    saveAdopted(this.storeInstance.name, orderId);
    this._resumeFailures = 0;
    void this._resumeSaved({orderId});
  }

  /**
   * Asks before leaving the order, or stops asking ("keep this order"), which puts the focus back on the button it
   * came from rather than on the screen's title.
   */
  private async _setLeaving(leaving: boolean): Promise<void> {
    this._leaving = leaving;
    await this.updateComplete;
    if (!leaving) this.renderRoot.querySelector<HTMLElement>('[part="new-purchase-button"]')?.focus();
  }

  /** "Start over" after an unknown outcome: back to the form, everything typed kept; a new submit is a new order. */
  private _startOver(): void {
    if (this._unknownOutcome === 'checking') return;
    this._unknownOutcome = undefined;
    clearPendingCreate(this.storeInstance.name);
    clearMarker(this.storeInstance.name, currentTabId());
  }

  // ---- countdown ----------------------------------------------------------------------------------------------

  private _startTicker(): void {
    if (this._ticker) return;
    this._ticker = setInterval(() => this.requestUpdate(), 1000);
  }

  private _stopTicker(): void {
    clearInterval(this._ticker);
    this._ticker = undefined;
  }

  /** Announces the time left only when it crosses a threshold (ANNOUNCE_AT_MINUTES), never every second. */
  private _announceThreshold(orderId: string, minutesLeft: number | undefined): void {
    if (minutesLeft === undefined) return;
    // Past the end, the expired screen says so itself (an alert): no "1 minute left" then.
    if (minutesLeft <= 0) {
      this._announced.set(orderId, 0);
      return;
    }
    const last = this._announced.get(orderId);
    // The nearest threshold passed: after a jump (a page back from the background) only where it stands now is said.
    const passed = ANNOUNCE_AT_MINUTES.filter((t) => minutesLeft < t);
    const threshold = passed.length ? Math.min(...passed) : undefined;
    if (last === undefined) {
      // First sight of this order: remember where we are without announcing what has already passed.
      this._announced.set(orderId, threshold ?? Infinity);
      return;
    }
    if (threshold !== undefined && threshold < last) {
      this._announced.set(orderId, threshold);
      const m = this.messages.checkout;
      this._announce(m.minutesLeft(threshold));
    }
  }

  private _announce(text: string): void {
    // The same text twice would not be read again: clear first.
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = text));
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const m = this.messages.checkout;
    return html`<section part="base" class="base" lang=${this.messages.lang} aria-label=${m.label}>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      ${this._renderBody()}
    </section>`;
  }

  private _renderBody(): TemplateResult {
    const m = this.messages.checkout;
    if (this._lost) return this._renderResumeFailed(this._lost.error, this._lost.orderId);
    if (this._shown) return this._renderPayment(this._shown);
    if (this._resume) {
      return this._resume.error !== undefined
        ? this._renderResumeFailed(this._resume.error)
        : html`<p class="muted" role="status" part="status" tabindex="-1" data-takes-focus>${m.resuming}</p>`;
    }
    if (this._unknownOutcome) return this._renderUnknownOutcome();
    // Before "choose a brand": without its coins (or its proxy-url) the checkout cannot sell anything, and cr-error
    // has said so already.
    const loadError = this._products.status === TaskStatus.ERROR ? this._products.error : this._vias.status === TaskStatus.ERROR ? this._vias.error : undefined;
    if (loadError !== undefined) {
      // Only what went wrong is the alert (as on every problem screen): a button inside it is read out with it.
      return html`<div class="message" part="form-error">
        <p class="error" role="alert" tabindex="-1" data-takes-focus>${this.messages.common.sentences(m.loadFailed, this.errorText(loadError))}</p>
        <button class="button primary" part="retry-button" type="button" @click=${() => void this.reload()}>${this.messages.common.retry}</button>
      </div>`;
    }
    if (!this._brandKey()) return html`<p class="muted" part="status" tabindex="-1" data-takes-focus>${m.chooseBrand}</p>`;
    return this._renderForm();
  }

  /**
   * The saved order could not be shown. `lostId`: upstream does not know it (where to turn, with its id; nothing to
   * try again); otherwise "try again" beside "new purchase", which asks first: the order may be paid.
   */
  private _renderResumeFailed(error: unknown, lostId?: string): TemplateResult {
    const m = this.messages.checkout;
    // The question, once asked, in place of both buttons.
    const leave = leaveButton({messages: m, leaving: this._leaving, onLeaving: (leaving) => void this._setLeaving(leaving), onNewPurchase: () => this.newPurchase()});
    // Only what went wrong is the alert: the question and the buttons beside it would have it read out again.
    return html`<div class="message" part="form-error">
      <div class="message" role="alert" tabindex="-1" data-takes-focus>
        <p class="error">${this.messages.common.sentences(m.resumeFailed, this.errorText(error))}</p>
        ${lostId
          ? html`<p>${this.messages.common.failedHelp}</p>
              <p class="muted small">${m.orderId}<span class="mono">${lostId}</span></p>`
          : nothing}
      </div>
      ${lostId
        ? html`<button class="button primary" part="new-purchase-button" type="button" @click=${() => this.newPurchase()}>${m.newPurchase}</button>`
        : this._leaving
          ? leave
          : html`<div class="actions">
              <button class="button primary" part="retry-button" type="button" @click=${() => void this._resumeSaved()}>
                ${this.messages.common.retry}
              </button>
              ${leave}
            </div>`}
    </div>`;
  }

  private _renderUnknownOutcome(): TemplateResult {
    const m = this.messages.checkout;
    const checking = this._unknownOutcome === 'checking';
    // The alert says what is known of the order (the only place it is said, and it takes the focus); "checking"
    // beside it is a polite status, and the buttons are outside it, so that neither has the alert read out again.
    return html`<div class="message" part="form-error">
      <div class="message" role="alert" tabindex="-1" data-takes-focus>
        <p class="error">${m.unknownOutcome}</p>
        ${this._unknownOutcome === 'still-unknown' ? html`<p>${this._unknownReason ?? m.stillUnknown}</p>` : nothing}
      </div>
      ${checking ? html`<p role="status" part="status">${m.checking}</p>` : nothing}
      <div class="actions">
        <button class="button primary" part="retry-button" type="button" aria-disabled=${checking} @click=${this._checkAgain}>
          ${m.checkAgain}
        </button>
        <button class="button" part="new-purchase-button" type="button" aria-disabled=${checking} @click=${this._startOver}>
          ${m.startOver}
        </button>
      </div>
    </div>`;
  }

  private _renderForm(): TemplateResult {
    const m = this.messages.checkout;
    const family = this._family;
    if (!family) {
      if (this._products.value && this._products.status === TaskStatus.COMPLETE && this._products.value.key === `${this.state.country}|${this._brandKey()}`) {
        // Where "loading" had the focus ("try again"), this takes it: it replaced that message, and is said.
        return html`<p class="muted" role="status" part="status" tabindex="-1" data-takes-focus>${m.noProducts}</p>`;
      }
      return html`<p class="muted" role="status" part="status" tabindex="-1" data-takes-focus>${m.loadingProducts}</p>
        <div class="skeleton skeleton-block" aria-hidden="true"></div>`;
    }
    const busy = this._busy;
    const fields = this._fieldsView();
    return html`<form part="form" novalidate @submit=${this._onSubmit} aria-busy=${!!busy}>
      <h2 class="title" tabindex="-1" data-takes-focus>${family.family}</h2>
      ${family.products.length ? renderAmount(fields, family) : html`<p class="muted">${m.noProducts}</p>`}
      ${renderBeneficiary(fields)} ${renderEmail(fields)} ${renderPromo(fields)} ${renderCoins(fields)}
      ${renderFieldMessages(fields, 'form')}
      ${this._formError !== undefined ? this._renderFormError() : nothing}
      <button
        class="button primary pay"
        part="pay-button"
        type="submit"
        aria-disabled=${!!busy}
        aria-describedby=${this._formError !== undefined ? 'form-error' : describedBy(fields, 'form')}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
        ${busy === 'validating' ? m.validating : busy === 'creating' ? m.paying : busy === 'waiting' ? m.waitingOtherTab : m.pay}
      </button>
      ${renderDetails(fields, family)}
    </form>`;
  }

  private _renderFormError(): TemplateResult {
    // The pay button is described by the message alone, and the alert says only that, not "Try again" too.
    return html`<div class="form-error" part="form-error">
      <p id="form-error" class="error" role="alert" tabindex="-1">${this.errorText(this._formError)}</p>
      <button class="button" part="retry-button" type="submit">${this.messages.common.retry}</button>
    </div>`;
  }

  private _fieldsView(): FieldsView {
    return {
      // What the checks read (product, currencies, country, locale, messages), so the fields show what they check.
      ...this._ctx(),
      values: this._values,
      common: this.messages.common,
      clientErrors: this._clientErrors,
      problems: this._problems,
      quote: this._quote,
      quoteBusy: this._quoteBusy,
      openDetails: this._openDetails,
      set: (field, patch) => this._set(field, patch),
      blur: (field) => this._onBlur(field),
      chooseProduct: (productId) => this._set('amount', {productId}),
      amountInput: (event) => this._onAmountInput(event),
      chooseCoin: (event) => this._onCoin(event),
      chooseNetwork: (event) => this._set('payment', {network: (event.target as HTMLSelectElement).value}),
      toggleDetails: (key, event) => this._onToggleDetails(key, event),
    };
  }

  private _renderPayment(order: Order): TemplateResult {
    const view: PaymentView = {
      order,
      currencies: this._currencies,
      // Upstream's clock, not the device's (api/server-clock.ts): the payment window is upstream's.
      nowMs: serverNow(this.now()),
      locale: this.locale,
      messages: this.messages.checkout,
      common: this.messages.common,
      copier: this._copier,
      onNewPurchase: () => this.newPurchase(),
      leaving: this._leaving,
      onLeaving: (leaving) => void this._setLeaving(leaving),
      saidElsewhere: isFollowed(this.storeInstance, order.order_id, this, true),
      onMinutesLeft: (minutes) => this._announceThreshold(order.order_id, minutes),
      onQrDrawn: () => this.requestUpdate(),
    };
    return renderPayment(view);
  }
}

