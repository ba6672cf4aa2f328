import {assert} from '@open-wc/testing';
import {dropStore, getStore, onStoreCreated, Store} from '../../src/store/store.js';
import {StoreController} from '../../src/store/store-controller.js';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Brand} from '../../src/api/schemas.js';

const brand = (name: string) => ({family: name, brand: name, kind: 'giftcard', category: 'games'}) as Brand;

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
  connect() {
    this.controllers.forEach((c) => c.hostConnected?.());
  }
  disconnect() {
    this.controllers.forEach((c) => c.hostDisconnected?.());
  }
}

suite('store', () => {
  teardown(() => {
    for (const name of ['a', 'b', 'iso-1', 'iso-2', 'hooked']) dropStore(name);
  });

  test('one store per name; the default store when no name', () => {
    assert.strictEqual(getStore(), getStore(''));
    assert.strictEqual(getStore(' a '), getStore('a'));
    assert.notStrictEqual(getStore('a'), getStore('b'));
    assert.equal(getStore('a').get().country, 'US');
  });

  test('two stores on one page never leak into each other', () => {
    const one = getStore('iso-1');
    const two = getStore('iso-2');
    let heardByTwo = 0;
    two.subscribe(() => heardByTwo++);
    one.update({proxyUrl: 'https://one.example', country: 'GB', brand: brand('Steam')});
    assert.equal(one.get().country, 'GB');
    assert.equal(two.get().country, 'US');
    assert.isUndefined(two.get().brand);
    assert.isUndefined(two.get().proxyUrl);
    assert.equal(heardByTwo, 0);
  });

  test('listeners run once per real change, with the previous state, and unsubscribe', () => {
    const store = new Store('local');
    const seen: [string, string][] = [];
    const off = store.subscribe((state, previous) => seen.push([previous.country, state.country]));
    store.update({country: 'DE'});
    store.update({country: 'DE'}); // no change: no call
    store.update({});
    off();
    store.update({country: 'FR'});
    assert.deepEqual(seen, [['US', 'DE']]);
    assert.equal(store.get().country, 'FR');
  });

  test('a throwing listener does not stop the others', () => {
    const store = new Store('local');
    let reached = false;
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      store.subscribe(() => {
        throw new Error('boom');
      });
      store.subscribe(() => (reached = true));
      store.update({country: 'DE'});
    } finally {
      console.error = original;
    }
    assert.isTrue(reached);
    assert.equal(store.get().country, 'DE');
    assert.equal((logged[0]?.[1] as Error)?.message, 'boom');
  });

  test('onStoreCreated runs for existing and new stores (the persistence hook)', () => {
    const names: string[] = [];
    getStore('a');
    const off = onStoreCreated((s) => names.push(s.name));
    getStore('hooked');
    off();
    getStore('b');
    assert.include(names, 'a');
    assert.include(names, 'hooked');
    assert.notInclude(names, 'b');
  });

  test('StoreController: picks a slice, re-renders on its change only while connected, can switch store', () => {
    const host = new FakeHost();
    const first = getStore('a');
    const second = getStore('b');
    second.update({country: 'BR'});
    const controller = new StoreController(host, (s) => s.country, first);
    host.connect();
    assert.equal(controller.value, 'US');
    const updatesAfterConnect = host.updates;
    first.update({proxyUrl: 'x'}); // another slot: no re-render
    assert.equal(host.updates, updatesAfterConnect);
    first.update({country: 'NG'});
    assert.equal(controller.value, 'NG');
    assert.equal(host.updates, updatesAfterConnect + 1);
    controller.setStore(second);
    assert.equal(controller.value, 'BR');
    first.update({country: 'PH'});
    assert.equal(controller.value, 'BR', 'no longer listening to the old store');
    host.disconnect();
    second.update({country: 'GB'});
    assert.equal(controller.value, 'BR', 'not listening while disconnected');
    host.connect();
    assert.equal(controller.value, 'GB', 'caught up on reconnect');
  });

  test('StoreController: told of a connection twice (Lit does, for a controller added to a connected host): one subscription', () => {
    const host = new FakeHost();
    const store = getStore('twice');
    const controller = new StoreController(host, (s) => s.country, store);
    host.connect();
    controller.hostConnected();
    const before = host.updates;
    store.update({country: 'NG'});
    assert.equal(host.updates, before + 1, 'one re-render per change');
    host.disconnect();
    store.update({country: 'PH'});
    assert.equal(host.updates, before + 1, 'nothing left listening after the disconnection');
  });
});
