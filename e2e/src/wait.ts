import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a value (not undefined) or the time is up; the error then says
 * what was awaited and the last thing seen, so a failing end-to-end test explains itself.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> | string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = opts.describe ? await Promise.resolve(opts.describe()).catch((e: unknown) => String(e)) : '';
      throw new Error(
        `timed out after ${opts.timeoutMs ?? 60_000} ms waiting for ${what}` +
          (seen ? `; last seen: ${seen}` : '') +
          (lastError ? `; last error: ${(lastError as Error).message}` : ''),
      );
    }
    await sleep(opts.intervalMs ?? 250);
  }
}
