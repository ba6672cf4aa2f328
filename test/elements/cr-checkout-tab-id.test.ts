// <cr-checkout>'s tab id (tab-id.ts): the same after a reload (kept in sessionStorage), another one in a duplicated
// tab, which starts with a copy of its opener's sessionStorage (a real second page opened with window.open here):
// else the two tabs would each take the other's create marker for their own and create the same purchase twice.
import {assert} from '@open-wc/testing';
import {currentTabId} from '../../src/elements/cr-checkout/tab-id.js';

const KEY = 'cr-checkout:tab';

function nextMessage<T>(target: {addEventListener: Window['addEventListener']; removeEventListener: Window['removeEventListener']}, timeoutMs = 3000): Promise<T | undefined> {
  return new Promise((resolve) => {
    const done = (value: T | undefined) => {
      clearTimeout(timer);
      target.removeEventListener('message', onMessage as EventListener);
      resolve(value);
    };
    const onMessage = (event: MessageEvent<T>) => done(event.data);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    target.addEventListener('message', onMessage as EventListener);
  });
}

suite('<cr-checkout>: the tab id of the cross-tab guard', () => {
  test('kept in sessionStorage, so a reload of this tab is still this tab', () => {
    const id = currentTabId();
    assert.equal(sessionStorage.getItem(KEY), id);
    assert.equal(currentTabId(), id);
  });

  test('a page opened with a copy of this tab\'s sessionStorage (a duplicated tab) takes another id, and keeps it', async function () {
    this.timeout(10000);
    const id = currentTabId();
    const reply = nextMessage<{copied: string | null; tabId: string}>(window);
    const other = window.open(new URL('../support/second-tab.html', import.meta.url).href, '_blank');
    assert.ok(other, 'the second page opened');
    try {
      const said = await reply;
      assert.ok(said, 'the second page reported its id');
      assert.equal(said!.copied, id, 'it started with a copy of this tab\'s id, as a duplicated tab does');
      assert.notEqual(said!.tabId, id, 'and took another one');
      assert.equal(other!.sessionStorage.getItem(KEY), said!.tabId, 'kept for its own reloads');
      assert.equal(currentTabId(), id, 'this tab keeps its own');
    } finally {
      other!.close();
    }
  });

  test('a question for another id is not answered', async () => {
    const channel = new BroadcastChannel(KEY);
    try {
      const answer = nextMessage(channel, 500);
      channel.postMessage({ask: `${currentTabId()}-not`});
      assert.isUndefined(await answer);
    } finally {
      channel.close();
    }
  });
});
