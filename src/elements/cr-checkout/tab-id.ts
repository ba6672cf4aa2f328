// This tab's id, which tells the cross-tab order guard (order-guard.ts) our marker from another tab's. Kept in
// sessionStorage so that a reload is still this tab (its own marker is not an other tab's create to wait for). But
// a duplicated tab (the browser's "Duplicate tab", a window.open with an opener) starts with a copy of its opener's
// sessionStorage, id included: the two would each take the other's marker for their own and create the same
// purchase twice. A reload leaves no page behind; a duplicate does. So a tab asks the others, once, whether one has
// its id, and a tab that hears its own id asked for says so: the asker then takes a new one.
import {randomId} from './random-id.js';

const KEY = 'cr-checkout:tab';
let tabId: string | undefined;

function take(id: string): string {
  tabId = id;
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // No sessionStorage: the id lives as long as the page, which is all a blocked storage allows.
  }
  return id;
}

function askOthers(id: string): void {
  try {
    const channel = new BroadcastChannel(KEY);
    channel.onmessage = ({data}: MessageEvent<{ask?: string; taken?: string}>) => {
      if (data.ask === tabId) channel.postMessage({taken: tabId});
      else if (data.taken === tabId) take(randomId());
    };
    channel.postMessage({ask: id});
  } catch {
    // No BroadcastChannel: a duplicated tab keeps the id it was copied, and guards 1 and 2 still hold.
  }
}

/** This tab's id: random, the same after a reload, and another one in a duplicate of this tab. */
export function currentTabId(): string {
  if (tabId) return tabId;
  let kept: string | null = null;
  try {
    kept = sessionStorage.getItem(KEY);
  } catch {
    // See take().
  }
  const id = take(kept ?? randomId());
  askOthers(id);
  return id;
}
