/**
 * Work a Lambda invocation must finish before it returns: once the handler resolves, the container
 * is frozen and an unawaited promise (a notification handed to SQS after a commit) would only go
 * on at the next invocation — minutes later, or never. Handlers wrap themselves with
 * `settlesDeferred`, the deps' `defer` adds to the set.
 */
export class DeferredWork {
  readonly #pending = new Set<Promise<unknown>>();

  readonly defer = (work: Promise<unknown>): void => {
    const tracked = work.catch(() => {}).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  };

  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** The handler, returning only once the work it deferred has finished (whatever its outcome). */
  settlesDeferred<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } finally {
        await this.settle();
      }
    };
  }
}
