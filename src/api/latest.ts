// "Latest only": when a new request replaces an older one of the same kind (the user typed another amount,
// picked another country), the older one is aborted, so a slow stale answer can never overwrite a fresh one.
// @lit/task does this by itself for its own runs; this is for calls made outside a Task.
import {ApiError} from './errors.js';

export class LatestOnly {
  readonly #running = new Map<string, AbortController>();

  /**
   * Runs `work` with a signal that aborts when `run` is called again with the same key (or `outer` aborts, or
   * `cancel` is called). The superseded promise rejects with ApiError `aborted`.
   */
  async run<T>(key: string, work: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    this.#running.get(key)?.abort(new ApiError('aborted', 'superseded'));
    const controller = new AbortController();
    this.#running.set(key, controller);
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onOuterAbort, {once: true});
    try {
      return await work(controller.signal);
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      if (this.#running.get(key) === controller) this.#running.delete(key);
    }
  }

  /** Aborts the running call for `key`, or every running call. */
  cancel(key?: string): void {
    for (const [k, controller] of this.#running) {
      if (key === undefined || k === key) {
        controller.abort(new ApiError('aborted', 'cancelled'));
        this.#running.delete(k);
      }
    }
  }
}
