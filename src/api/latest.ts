// "Latest only": when a new request replaces an older one of the same kind (the user typed another amount,
// picked another country), the older one is aborted, so a slow stale answer can never overwrite a fresh one.
// @lit/task does this by itself for its own runs; this is for calls made outside a Task.
import {ApiError} from './errors.js';

export class LatestOnly {
  readonly #running = new Map<string, AbortController>();

  /**
   * Runs `work` with a signal that aborts when `run` is called again with the same key (or `cancel` is called). The
   * superseded promise rejects with ApiError `aborted`.
   */
  async run<T>(key: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.#running.get(key)?.abort(new ApiError('aborted', 'superseded'));
    const controller = new AbortController();
    this.#running.set(key, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (this.#running.get(key) === controller) this.#running.delete(key);
    }
  }

  /** Aborts every running call. */
  cancel(): void {
    for (const controller of this.#running.values()) controller.abort(new ApiError('aborted', 'cancelled'));
    this.#running.clear();
  }
}
