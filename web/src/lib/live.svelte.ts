import { ApiError } from './api/client';

/**
 * Live data by short polling: loads at once, then every `intervalMs` while the tab is visible
 * (at once again when it comes back), keeps the last good data while a refresh fails, and backs
 * off up to 30 s on errors. New data replaces old in place, so nothing on the page jumps.
 *
 * @example
 * const clusters = new Live((signal) => api.get('/clusters', { signal }), 3000);
 * $effect(() => clusters.start());
 */
export class Live<T> {
  // Raw: answers are replaced whole, never mutated; a deep proxy over thousands of samples would
  // make every chart read slow.
  data = $state.raw<T | undefined>(undefined);
  error = $state<ApiError | undefined>(undefined);
  /** When the last successful load finished (ms). */
  updatedAt = $state<number | undefined>(undefined);
  loading = $state(false);

  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #running = false;

  constructor(
    private readonly load: (signal: AbortSignal) => Promise<T>,
    private readonly intervalMs: number,
  ) {}

  /** Starts polling; returns the function that stops it (an `$effect` cleanup). */
  start(): () => void {
    this.#running = true;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    void this.refresh();
    return () => {
      this.#running = false;
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(this.#timer);
      this.#controller?.abort();
    };
  }

  /** Loads now (e.g. right after an action), then carries on with the schedule. */
  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const data = await this.load(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.error = undefined;
      this.updatedAt = Date.now();
      this.#failures = 0;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error instanceof ApiError ? error : new ApiError(0, 'client', (error as Error).message);
      this.#failures += 1;
    } finally {
      if (!controller.signal.aborted) {
        this.loading = false;
        this.#schedule();
      }
    }
  }

  #schedule(): void {
    if (!this.#running || document.visibilityState === 'hidden') return;
    const delay = Math.min(30_000, this.intervalMs * 2 ** this.#failures);
    this.#timer = setTimeout(() => void this.refresh(), delay);
  }
}
