import type {Messages} from '../en/index.js';
import {common} from './common.js';
import {picker} from './picker.js';
import {checkout} from './checkout.js';
import {status} from './status.js';

export const messages: Messages = {lang: 'es', common, picker, checkout, status};
