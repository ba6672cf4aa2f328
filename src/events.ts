// Every event our elements fire: names, detail types and the HTMLElementEventMap entries, so a host page's
// `addEventListener('cr-brand-select', e => e.detail.brand)` is typed. CustomEvent because CONTRACT.md promises
// host pages a `detail`; bubbles + composed so it leaves our shadow roots and reaches `document`.
import type {Brand, Order} from './api/schemas.js';
import type {ApiErrorCode} from './api/errors.js';
import type {Phase} from './upstream/states.js';

export const BRAND_SELECT = 'cr-brand-select';
export const ORDER_CREATED = 'cr-order-created';
export const ERROR = 'cr-error';
export const STATUS_CHANGE = 'cr-status-change';

export interface BrandSelectDetail {
  /** The Brand object of UPSTREAM.md. */
  brand: Brand;
}

export interface OrderCreatedDetail {
  /** The Order of UPSTREAM.md. */
  order: Order;
}

export interface ErrorDetail {
  /** A stable code: an ApiError code (`network`, `http-5xx`, `rate-limited`, …), an upstream problem code, … */
  code: ApiErrorCode | (string & {});
  /** The localized message shown to the user. */
  message: string;
}

export interface StatusChangeDetail {
  orderId: string;
  /** `order_state`. */
  state: string;
  /** The previous `order_state`; undefined for the first one seen. */
  previousState: string | undefined;
  paymentState: string;
  phase: Phase;
  order: Order;
}

const init = <T>(detail: T): CustomEventInit<T> => ({detail, bubbles: true, composed: true});

export const brandSelectEvent = (brand: Brand) => new CustomEvent<BrandSelectDetail>(BRAND_SELECT, init({brand}));
export const orderCreatedEvent = (order: Order) => new CustomEvent<OrderCreatedDetail>(ORDER_CREATED, init({order}));
export const errorEvent = (code: ErrorDetail['code'], message: string) =>
  new CustomEvent<ErrorDetail>(ERROR, init({code, message}));
export const statusChangeEvent = (detail: StatusChangeDetail) => new CustomEvent<StatusChangeDetail>(STATUS_CHANGE, init(detail));

/** Our events by name: they bubble and are composed, so elements, the document and the window all hear them. */
export interface CrEventMap {
  'cr-brand-select': CustomEvent<BrandSelectDetail>;
  'cr-order-created': CustomEvent<OrderCreatedDetail>;
  'cr-error': CustomEvent<ErrorDetail>;
  'cr-status-change': CustomEvent<StatusChangeDetail>;
}

declare global {
  interface HTMLElementEventMap extends CrEventMap {}
  interface DocumentEventMap extends CrEventMap {}
  interface WindowEventMap extends CrEventMap {}
}
