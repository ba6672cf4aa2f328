import {common} from './common.js';
import {picker} from './picker.js';
import {checkout} from './checkout.js';
import type {StatusMessages} from './status.js';

/**
 * `lang`: the language these words are in (English where a page's language could not be fetched): marked on them.
 * The words of <cr-order-status> (status.ts) are a chunk of their own, loaded only for it (i18n.ts): a page without
 * one does not carry them.
 */
export const messages = {lang: 'en' as string, common, picker, checkout};
/** What each language's index.ts has: every message but the tracking's. */
export type BaseMessages = typeof messages;
/** Every message of the widget; `status` is there once a <cr-order-status> asked for it (i18n.ts). */
export type Messages = BaseMessages & {status: StatusMessages};
/** The tracking's words of this language, a chunk of their own (i18n.ts loads them for a <cr-order-status>). */
export const loadStatus = (): Promise<{status: StatusMessages}> => import('./status.js');
export type {CommonMessages} from './common.js';
export type {PickerMessages} from './picker.js';
export type {CheckoutMessages} from './checkout.js';
export type {StatusMessages} from './status.js';
