import {common} from './common.js';
import {picker} from './picker.js';
import {checkout} from './checkout.js';
import {status} from './status.js';

/** `lang`: the language these words are in (English where a page's language could not be fetched): marked on them. */
export const messages = {lang: 'en' as string, common, picker, checkout, status};
/** Every message of the widget; each language's index.ts has exactly this shape. */
export type Messages = typeof messages;
export type {CommonMessages} from './common.js';
export type {PickerMessages} from './picker.js';
export type {CheckoutMessages} from './checkout.js';
export type {StatusMessages} from './status.js';
