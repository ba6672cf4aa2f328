import type {BaseMessages, loadStatus as englishLoadStatus} from '../en/index.js';
import {common} from './common.js';
import {picker} from './picker.js';
import {checkout} from './checkout.js';

export const messages: BaseMessages = {lang: 'fr', common, picker, checkout};
export const loadStatus: typeof englishLoadStatus = () => import('./status.js');
