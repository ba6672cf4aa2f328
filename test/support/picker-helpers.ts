// Helpers for the <cr-brand-picker> browser tests: wait (bounded) for a condition, and find the tiles in its shadow root.
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';

/** Polls `check` every 20 ms until it is truthy; fails after `timeoutMs` naming `what`. */
export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const root = (el: CrBrandPicker) => el.shadowRoot!;
export const options = (el: CrBrandPicker) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
export const names = (el: CrBrandPicker) => options(el).map((o) => o.querySelector('.name')!.textContent!);
export const option = (el: CrBrandPicker, name: string) => options(el).find((o) => o.querySelector('.name')!.textContent === name);

/**
 * Waits until the picker has rendered its brands (or its empty or error state): rendered at all first, since the
 * element waits for its body and its language (fixture() waits only for an element it was given directly).
 */
export async function loaded(el: CrBrandPicker): Promise<CrBrandPicker> {
  await el.updateComplete;
  await until(() => options(el).length > 0 || root(el).querySelector('[part~="empty"], [part~="error"]'), 'the brands to load');
  await el.updateComplete;
  return el;
}
