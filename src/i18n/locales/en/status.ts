// Filled by the order-status element's author; English is the type source for the other languages.
export const status = {};
export type StatusMessages = typeof status;
