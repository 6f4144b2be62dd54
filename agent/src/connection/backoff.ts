/**
 * Jittered exponential backoff for reconnecting. The ceiling of attempt n is
 * min(maxMs, initialMs · factor^n); the delay is drawn uniformly from [ceiling/2, ceiling] so that
 * many agents cut off at once do not return in lockstep, yet none retries in a tight loop.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor?: number;
  /** Uniform in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; each call counts as one more failure. */
  next(): number;
  /** After a good connection: start again from initialMs. */
  reset(): void;
  /** Go straight to the ceiling (e.g. the cloud says this agent is revoked). */
  exhaust(): void;
  readonly attempts: number;
}

export function createBackoff(options: BackoffOptions): Backoff {
  const factor = options.factor ?? 2;
  const random = options.random ?? Math.random;
  if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs) || !(factor >= 1)) {
    throw new RangeError('backoff needs 0 < initialMs <= maxMs and factor >= 1');
  }
  // Past this attempt the ceiling is maxMs anyway; stops factor^n from overflowing.
  const saturation = Math.ceil(Math.log(options.maxMs / options.initialMs) / Math.log(Math.max(factor, 1.0001))) + 1;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(options.maxMs, options.initialMs * factor ** Math.min(attempts, saturation));
      attempts += 1;
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      attempts = 0;
    },
    exhaust() {
      attempts = saturation;
    },
    get attempts() {
      return attempts;
    },
  };
}
