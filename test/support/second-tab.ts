// The script of second-tab.html: this page's tab id, as the order guard sees it, once other tabs had time to answer.
import {currentTabId} from '../../src/elements/cr-checkout/tab-id.js';

const copied = sessionStorage.getItem('cr-checkout:tab');
currentTabId();
setTimeout(() => window.opener?.postMessage({copied, tabId: currentTabId()}, location.origin), 300);
