import type {StatusMessages} from '../en/status.js';

export const status: StatusMessages = {};
