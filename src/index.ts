// The package entry: classes, types, events, helpers. No side effects (import `./define.js` to register the tags).
export {CrElement} from './elements/cr-element.js';
export {CrBrandPicker} from './elements/cr-brand-picker/cr-brand-picker.js';
export {CrCheckout} from './elements/cr-checkout/cr-checkout.js'; // <cr-checkout> (issue 4)
export {CrOrderStatus} from './elements/cr-order-status/cr-order-status.js'; // <cr-order-status> (issue 5)
export * from './events.js';
export {getStore, onStoreCreated, dropStore, Store, DEFAULT_COUNTRY, DEFAULT_STORE_NAME} from './store/store.js';
export type {StoreState, Listener} from './store/store.js';
export {StoreController} from './store/store-controller.js';
export {ApiError, isApiError} from './api/errors.js';
export type {ApiErrorCode, TransportErrorCode} from './api/errors.js';
export {validationProblems, problemInfo, UNKNOWN_PROBLEM} from './api/problems.js';
export type {ProblemInfo, ProblemDetails} from './api/problems.js';
export * from './api/client.js';
export type {
  Brand,
  BrandsPage,
  Family,
  Product,
  Quote,
  Validation,
  Order,
  OrderBody,
  DeliveryBody,
  Delivery,
  Deliverable,
  PaymentVia,
  Currency,
  Network,
} from './api/schemas.js';
// Every message, the tracking's words included (the elements load those for a <cr-order-status> only).
export {LANGS, toLang, loadAllMessages as loadMessages} from './i18n/i18n.js';
export type {Lang, Messages} from './i18n/i18n.js';
export {COUNTRY_CODES} from './i18n/countries.js';
export {phaseOf, type Phase} from './upstream/states.js';
export {OrderTracker, DEFAULT_PAYMENT_POLL_MS, DEFAULT_POLL_MS, DEFAULT_HIDDEN_PAUSE_MS} from './stream/order-tracker.js';
export type {OrderTrackerOptions, OrderUpdate, TrackerConnection, TrackerCounts, VisibilitySource, Timers} from './stream/order-tracker.js';
export {OrderTrackerController} from './stream/order-tracker-controller.js';
export type {OpenTracker, TrackTarget, TrackerCallbacks, TrackerHandle} from './stream/order-tracker-controller.js';
