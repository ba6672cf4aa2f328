// <cr-brand-picker>: the tag's public class (the documented API). What it does is the body,
// cr-brand-picker-body.ts, a lazy chunk fetched when the first one is connected (lazy-body.ts), with the tag's styles.
import {lazyBody} from '../lazy-body.js';

/**
 * Lets the user choose a country, a kind (gift cards, mobile top-ups, eSIMs), search, and pick a brand.
 * Sets the store's `brand` and fires `cr-brand-select`.
 *
 * Keyboard: Tab reaches the country, the search box, the selected tab and the current brand; arrows move between
 * tabs and between brands (Up/Down by rows), Home/End go to the first/last, Enter or Space picks.
 *
 * @fires cr-brand-select - the user picked a brand: `detail.brand` (the Brand object of UPSTREAM.md)
 * @fires cr-error - the brands could not be loaded: `detail.code`, `detail.message`
 * @csspart base - the whole picker
 * @csspart controls - the row with the country selector and the search box
 * @csspart country-select - the country `<select>`
 * @csspart search-input - the search `<input>`
 * @csspart tabs - the tab list
 * @csspart tab - each tab; also `tab-selected` on the current one
 * @csspart list - the grid of brands (listbox)
 * @csspart brand - each brand tile (option); also `brand-selected`, `brand-out-of-stock`
 * @csspart brand-logo - the logo box of a tile
 * @csspart brand-name - the name of a tile
 * @csspart brand-range - the price span of a tile
 * @csspart out-of-stock - the "out of stock" badge
 * @csspart status - the loading message
 * @csspart empty - the "no brands" / "no match" message
 * @csspart clear-search-button - the button that clears the search
 * @csspart error - the error message
 * @csspart retry-button - the "try again" button
 * @cssprop --cr-picker-tile-min - smallest tile width (default 9.5rem; narrower where two would not fit a row)
 * @cssprop --cr-picker-max-height - height of the scrolling brand area (default 32rem)
 */
export class CrBrandPicker extends lazyBody(() => import('./cr-brand-picker-body.js')) {}

/** What the body adds (present once the element is connected and `updateComplete` has resolved). */
export interface CrBrandPicker {
  /** Loads the brands again (what the "try again" button does). */
  reload(): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-brand-picker': CrBrandPicker;
  }
}
