import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {state} from 'lit/decorators.js';
import {Task, TaskStatus} from '@lit/task';
import {getBrands} from '../../api/client.js';
import type {Brand} from '../../api/schemas.js';
import {brandSelectEvent} from '../../events.js';
import {countryOptions} from '../../i18n/countries.js';
import {formatNumber} from '../../i18n/format.js';
import {CrElement} from '../cr-element.js';
import {pickerStyles} from './cr-brand-picker.styles.js';
import {cssVar} from '../css-var.js';
import {missingProxyUrl} from '../shared/missing-proxy.js';
import {filterBrands, indexBrands, TABS, type BrandIndex, type IndexedBrand, type Tab} from './brand-index.js';
import {initials, inkOn, logoSrc, logoSrcset, safeHexColor} from './logo.js';

/** Tiles rendered at first and added each time the end of the list scrolls into view. */
const PAGE = 30;
/** Delay before the result count is announced, so screen readers are not flooded while the user types. */
const ANNOUNCE_DELAY_MS = 500;

/**
 * What `<cr-brand-picker>` does (its public class and doc block are in cr-brand-picker.ts): loaded as a lazy chunk
 * when the first one is connected (lazy-body.ts).
 */
export default class BrandPickerBody extends CrElement {
  static bodyStyles = [pickerStyles];

  @state() private _tab!: Tab;
  @state() private _query!: string;
  /**
   * The tiles of the filtered list that are rendered: `_start` (the first tile of a row) to `_limit`. A jump far down the
   * list (End) renders a few pages around it, not every tile before it.
   */
  @state() private _start!: number;
  @state() private _limit!: number;
  /** Index (in the filtered list) of the tile that holds the roving tabindex. */
  @state() private _active!: number;
  @state() private _announcement!: string;
  /** `brand` keys whose logo failed to load: shown as initials. */
  @state() private _failedLogos!: ReadonlySet<string>;

  private _filtered!: readonly IndexedBrand[];
  private _filterKey!: unknown[];
  private _announceTimer: ReturnType<typeof setTimeout> | undefined;
  private _observer: IntersectionObserver | undefined;
  private _sentinels!: Element[];
  private _brands!: Task<readonly [string | undefined, string], BrandIndex>;

  /** The fields (lazy-body.ts: set here, not by initialisers, as an instance may predate this class). */
  initBody(): void {
    this._tab = 'giftcards';
    this._query = '';
    this._start = 0;
    this._limit = PAGE;
    this._active = 0;
    this._sentinels = [];
    this._announcement = '';
    this._failedLogos = new Set();
    this._filtered = [];
    this._filterKey = [];
    this._brands = new Task(this, {
      task: async ([proxyUrl, country], {signal}): Promise<BrandIndex> => {
        if (proxyUrl === undefined) return missingProxyUrl(signal);
        return indexBrands(await getBrands(proxyUrl, country, {signal}));
      },
      args: () => [this.state.proxyUrl, this.state.country] as const,
      onComplete: (index) => this._onLoaded(index),
      // The error box is an alert: it is read out as it appears, so the live region does not say it a second time.
      onError: (error) => this.fireError(error),
    });
  }

  /** Loads the brands again (what the "try again" button does). */
  reload(): Promise<void> {
    return this._brands.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: the end of the list is watched again (disconnecting stopped it).
    if (this.hasUpdated) this._watchSentinel();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._announceTimer);
    this._observer?.disconnect();
    this._observer = undefined;
    this._sentinels = [];
  }

  /**
   * Watches the sentinels at the ends of the rendered tiles, when shown: a page of tiles more when one scrolls into
   * view (`again`: observed afresh, as a still-visible sentinel raises no new intersection).
   */
  private _watchSentinel(again?: boolean): void {
    const found = [...this.renderRoot.querySelectorAll('.sentinel')];
    if (!again && found.length === this._sentinels.length && found.every((e, i) => e === this._sentinels[i])) return;
    for (const e of this._sentinels) this._observer?.unobserve(e);
    this._sentinels = found;
    if (typeof IntersectionObserver === 'undefined') return;
    this._observer ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          if (e.target.classList.contains('top')) void this._prepend();
          else if (this._limit < this._filtered.length) this._limit += PAGE;
        }
      },
      {root: this.renderRoot.querySelector('#panel'), rootMargin: '400px 0px'},
    );
    for (const e of found) this._observer.observe(e);
  }

  /**
   * A page of tiles more above, the view kept where it was (Chromium anchors the scroll itself, except at the top),
   * and the focus on its brand (the tiles' elements now show other brands).
   */
  private async _prepend(): Promise<void> {
    const panel = this.renderRoot.querySelector('#panel')!;
    const [top, height, focused] = [panel.scrollTop, panel.scrollHeight, this.shadowRoot!.activeElement?.role === 'option'];
    this._start = this._rowStart(this._start - PAGE);
    await this.updateComplete;
    if (!top) panel.scrollTop = panel.scrollHeight - height;
    if (focused) this.renderRoot.querySelector<HTMLElement>(`[data-index="${this._active}"]`)?.focus({preventScroll: true});
  }

  private _onLoaded(index: BrandIndex): void {
    // Stay on the current tab if it has brands here, else the first tab that has some.
    if (!index.byTab[this._tab].length) this._tab = TABS.find((t) => index.byTab[t].length) ?? 'giftcards';
    this._resetPosition();
    this._scheduleAnnouncement();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Filter once per change of list, tab or query (never per render): the only per-keystroke cost.
    const index = this._brands.value;
    const key = [index, this._tab, this._query];
    if (key.some((v, i) => v !== this._filterKey[i])) {
      this._filterKey = key;
      this._filtered = index ? filterBrands(index.byTab[this._tab], this._query) : [];
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // A still-visible sentinel raises no new intersection: observed afresh, so a tall screen keeps filling up.
    this._watchSentinel(changed.has('_limit') || changed.has('_start'));
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const m = this.messages.picker;
    return html`
      <section part="base" lang=${this.messages.lang} aria-label=${m.label}>
        <div class="controls" part="controls">${this._renderCountry()} ${this._renderSearch()}</div>
        ${this._renderTabs()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
        <div
          class="panel"
          id="panel"
          role=${this._visibleTabs().length ? 'tabpanel' : nothing}
          aria-labelledby=${this._visibleTabs().length ? `tab-${this._tab}` : nothing}
        >
          ${this._brands.render({
            initial: () => this._renderLoading(),
            pending: () => this._renderLoading(),
            complete: () => this._renderList(),
            error: (error) => this._renderError(error),
          })}
        </div>
      </section>
    `;
  }

  private _renderCountry(): TemplateResult {
    const m = this.messages.picker;
    const current = this.state.country;
    const options = countryOptions(this.locale);
    const known = options.some((o) => o.code === current);
    // .value as well as ?selected: once the user has picked, the options' selected attributes no longer rule. (A JS
    // comment, not an HTML one in the template: that would ship in the bundle and be a node in every render.)
    return html`
      <label class="field">
        <span class="field-label">${m.country}</span>
        <select class="input" part="country-select" .value=${current} @change=${this._onCountryChange}>
          ${known ? nothing : html`<option value=${current} selected>${current}</option>`}
          ${options.map((o) => html`<option value=${o.code} ?selected=${o.code === current}>${o.name}</option>`)}
        </select>
      </label>
    `;
  }

  private _renderSearch(): TemplateResult {
    const m = this.messages.picker;
    return html`
      <div class="field">
        <label class="field-label" for="search">${m.search}</label>
        <input
          id="search"
          class="input"
          part="search-input"
          type="search"
          autocomplete="off"
          spellcheck="false"
          placeholder=${m.search}
          .value=${this._query}
          @input=${this._onSearchInput}
          @keydown=${this._onSearchKey}
        />
      </div>
    `;
  }

  private _visibleTabs(): Tab[] {
    const index = this._brands.value;
    if (!index || this._brands.status !== TaskStatus.COMPLETE) return [];
    return TABS.filter((t) => index.byTab[t].length);
  }

  private _tabLabel(tab: Tab): string {
    const m = this.messages.picker;
    return tab === 'giftcards' ? m.kindGiftcards : tab === 'topups' ? m.kindTopups : m.kindEsims;
  }

  private _renderTabs(): TemplateResult | typeof nothing {
    const tabs = this._visibleTabs();
    const index = this._brands.value;
    if (!tabs.length || !index) return nothing;
    const searching = this._query.trim() !== '';
    return html`
      <div role="tablist" part="tabs" aria-label=${this.messages.picker.kinds} @keydown=${this._onTabKey}>
        ${tabs.map((tab) => {
          const selected = tab === this._tab;
          // While searching, each tab tells how many of its brands match, so a match in another tab is not missed.
          const count = searching ? filterBrands(index.byTab[tab], this._query).length : undefined;
          return html`<button
            role="tab"
            id=${`tab-${tab}`}
            part=${selected ? 'tab tab-selected' : 'tab'}
            aria-selected=${selected}
            aria-controls="panel"
            tabindex=${selected ? 0 : -1}
            @click=${() => this._selectTab(tab)}
          >
            ${this._tabLabel(tab)}${count === undefined
              ? nothing
              : // The language's brackets, and its space before them, around the count alone (in its own weight).
                html`<span class="count">${this.messages.common.aside('', formatNumber(this.locale, count))}</span>`}
          </button>`;
        })}
      </div>
    `;
  }

  private _renderLoading(): TemplateResult {
    return html`
      <p class="muted" role="status" part="status" tabindex="-1" data-takes-focus>${this.messages.picker.loadingBrands}</p>
      <div class="skeletons" aria-hidden="true">
        ${Array.from({length: 8}, () => html`<div class="skeleton skeleton-tile"></div>`)}
      </div>
    `;
  }

  private _renderError(error: unknown): TemplateResult {
    return html`
      <div class="message" part="error">
        <p class="error" role="alert" tabindex="-1" data-takes-focus>${this.messages.common.sentences(this.messages.picker.loadFailed, this.errorText(error))}</p>
        <button class="button primary" part="retry-button" type="button" @click=${() => this.reload()}>
          ${this.messages.common.retry}
        </button>
      </div>
    `;
  }

  private _renderList(): TemplateResult {
    const m = this.messages.picker;
    const list = this._filtered;
    if (!list.length) {
      const query = this._query.trim();
      return html`
        <div class="message" part="empty">
          <p tabindex="-1" data-takes-focus>${query ? m.noMatch(query) : m.noBrands}</p>
          ${query
            ? html`<button class="button" part="clear-search-button" type="button" @click=${this._clearSearch}>
                ${m.clearSearch}
              </button>`
            : nothing}
        </div>
      `;
    }
    const start = this._start;
    const shown = list.slice(start, this._limit);
    const active = Math.min(this._active, list.length - 1);
    const selected = this.state.brand?.brand;
    return html`
      ${start ? html`<div class="sentinel top"></div>` : nothing}
      <div role="listbox" part="list" aria-label=${m.brands} @keydown=${this._onListKey}>
        ${shown.map((entry, i) => this._renderBrand(entry, start + i, start + i === active, entry.brand.brand === selected, list.length))}
      </div>
      ${start + shown.length < list.length ? html`<div class="sentinel"></div>` : nothing}
    `;
  }

  private _renderBrand(entry: IndexedBrand, index: number, active: boolean, selected: boolean, total: number): TemplateResult {
    const {brand} = entry;
    const m = this.messages.picker;
    const out = brand.is_out_of_stock === true;
    // Upstream's labels ("$5", "1 GB 3 days") as written; a bare number in the reader's notation ("1.000" in German),
    // with every digit it was sent with (Intl's default keeps 3 decimals: 0.0005 would read "0").
    const label = (value: string | number | null | undefined) =>
      typeof value === 'number' ? formatNumber(this.locale, value, {maximumFractionDigits: 20}) : (value ?? '');
    const min = label(brand.min);
    const max = label(brand.max);
    const range = min && max ? (min === max ? min : m.range(min, max)) : min || max;
    const parts = ['brand', selected ? 'brand-selected' : '', out ? 'brand-out-of-stock' : ''].filter(Boolean).join(' ');
    return html`<div
      role="option"
      part=${parts}
      data-index=${index}
      tabindex=${active ? 0 : -1}
      ?data-takes-focus=${active}
      aria-selected=${selected}
      aria-disabled=${out ? 'true' : nothing}
      aria-posinset=${index + 1}
      aria-setsize=${total}
      @click=${() => this._pick(index)}
    >
      ${this._renderLogo(brand)}
      <span class="name" part="brand-name">${brand.family}</span>
      ${range ? html`<span class="range" part="brand-range">${range}</span>` : nothing}
      ${out
        ? html`<span class="badge" part="out-of-stock" aria-hidden="true">${m.outOfStock}</span
            ><span class="visually-hidden">${m.outOfStockHint}</span>`
        : nothing}
    </div>`;
  }

  private _renderLogo(brand: Brand): TemplateResult {
    const bg = safeHexColor(brand.bg_color);
    const src = this._failedLogos.has(brand.brand) ? undefined : logoSrc(brand);
    const webp = logoSrcset(brand, 'webp');
    const jpg = logoSrcset(brand, 'jpg');
    return html`<div class="logo ink-${inkOn(bg)}" part="brand-logo" ${cssVar('--_logo-bg', bg)}>
      ${src
        ? html`<picture>
            ${webp ? html`<source type="image/webp" srcset=${webp} sizes="(max-width: 40rem) 45vw, 300px" />` : nothing}
            <img
              src=${src}
              srcset=${jpg ?? nothing}
              sizes="(max-width: 40rem) 45vw, 300px"
              width="300"
              height="190"
              alt=""
              loading="lazy"
              decoding="async"
              data-brand=${brand.brand}
              @error=${this._onLogoError}
            />
          </picture>`
        : html`<span class="initials" aria-hidden="true">${initials(brand.family)}</span>`}
    </div>`;
  }

  // ---- behaviour ----------------------------------------------------------------------------------------------

  private _onCountryChange(event: Event): void {
    const country = (event.target as HTMLSelectElement).value;
    // The store is shared: the checkout of the same store follows. The Task sees new args and aborts the old load.
    // A brand picked in another country cannot be bought in this one: it is unselected.
    const brand = this.state.brand;
    const foreign = brand?.country_code && brand.country_code.toUpperCase() !== country;
    this.storeInstance.update(foreign ? {country, brand: undefined} : {country});
    this._resetPosition();
  }

  private _onSearchInput(event: InputEvent): void {
    this._query = (event.target as HTMLInputElement).value;
    this._resetPosition();
    this._scheduleAnnouncement();
  }

  private _onSearchKey(event: KeyboardEvent): void {
    // Down arrow from the search box goes to the first result, as in a combobox.
    if (event.key === 'ArrowDown' && this._filtered.length) {
      event.preventDefault();
      void this._focusOption(0);
    }
  }

  private _clearSearch(): void {
    this._query = '';
    this._resetPosition();
    this._scheduleAnnouncement();
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  private _resetPosition(): void {
    this._start = 0;
    this._limit = PAGE;
    this._active = 0;
    const panel = this.renderRoot.querySelector?.('#panel');
    if (panel) panel.scrollTop = 0;
  }

  private _selectTab(tab: Tab): void {
    if (tab === this._tab) return;
    this._tab = tab;
    this._resetPosition();
    this._scheduleAnnouncement();
  }

  private async _onTabKey(event: KeyboardEvent): Promise<void> {
    const tabs = this._visibleTabs();
    const at = tabs.indexOf(this._tab);
    let next: number;
    const key = this._logicalKey(event);
    if (key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    const tab = tabs[next]!;
    this._selectTab(tab);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  /**
   * The arrow as it moves along the list: on a right-to-left page the tabs and the grid run from the right, so the
   * right arrow goes to what comes before.
   */
  private _logicalKey(event: KeyboardEvent): string {
    const flipped = getComputedStyle(this).direction === 'rtl';
    return flipped && event.key === 'ArrowRight' ? 'ArrowLeft' : flipped && event.key === 'ArrowLeft' ? 'ArrowRight' : event.key;
  }

  /**
   * Where to start rendering at or before `index`: the first tile of its row. The grid puts the first tile rendered in
   * its first column, so a start inside a row would move every tile sideways (and the focus with it) as pages above
   * come and go.
   */
  private _rowStart(index: number): number {
    const start = Math.max(0, index);
    return start - (start % this._columns());
  }

  /** Tiles per row, from the layout (the grid's column count depends on the width). */
  private _columns(): number {
    const options = this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]');
    const top = options[0]?.offsetTop;
    let columns = 0;
    for (const option of options) {
      if (option.offsetTop !== top) break;
      columns++;
    }
    return Math.max(1, columns);
  }

  private _onListKey(event: KeyboardEvent): void {
    const total = this._filtered.length;
    if (!total) return;
    const at = Math.min(this._active, total - 1);
    let next = at;
    switch (this._logicalKey(event)) {
      case 'ArrowRight':
        next = at + 1;
        break;
      case 'ArrowLeft':
        next = at - 1;
        break;
      case 'ArrowDown':
        next = at + this._columns();
        break;
      case 'ArrowUp':
        next = at - this._columns();
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = total - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this._pick(at);
        return;
      default:
        // Type-ahead: a letter typed on a brand goes on in the search box (focused now, it receives the key).
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) this.renderRoot.querySelector<HTMLElement>('#search')?.focus();
        return;
    }
    event.preventDefault();
    void this._focusOption(Math.max(0, Math.min(total - 1, next)));
  }

  private async _focusOption(index: number): Promise<void> {
    const page = index - (index % PAGE);
    if (index < this._start - PAGE || index >= this._limit + PAGE) {
      // A jump (End, Home after End): the pages around it only.
      this._start = this._rowStart(page - PAGE);
      this._limit = page + PAGE;
    } else {
      this._start = Math.min(this._start, this._rowStart(page));
      this._limit = Math.max(this._limit, page + PAGE);
    }
    this._active = index;
    await this.updateComplete;
    const option = this.renderRoot.querySelector<HTMLElement>(`[role="option"][data-index="${index}"]`);
    option?.focus();
    option?.scrollIntoView?.({block: 'nearest'});
  }

  private _pick(index: number): void {
    const entry = this._filtered[index];
    if (!entry) return;
    this._active = index;
    if (entry.brand.is_out_of_stock === true) {
      // Not selectable; say why (the tile's hidden hint says it too).
      this._announce(this.messages.picker.outOfStockHint);
      return;
    }
    this.storeInstance.update({brand: entry.brand});
    this.dispatchEvent(brandSelectEvent(entry.brand));
  }

  private _onLogoError(event: Event): void {
    const key = (event.target as HTMLElement).dataset['brand'];
    if (key === undefined || this._failedLogos.has(key)) return;
    this._failedLogos = new Set([...this._failedLogos, key]);
  }

  private _scheduleAnnouncement(): void {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => {
      if (this._brands.status === TaskStatus.COMPLETE) this._announce(this.messages.picker.results(this._filtered.length, formatNumber(this.locale, this._filtered.length)));
    }, ANNOUNCE_DELAY_MS);
  }

  private _announce(text: string): void {
    // The same text twice would not be announced again: clear first, then set it in a later task (a timer, not a
    // frame: frames do not run in a background tab).
    this._announcement = '';
    setTimeout(() => {
      this._announcement = text;
    }, 50);
  }
}

