/**
 * What one delivery attempt came to, and when to try again. Network errors, 5xx and 429 are worth
 * retrying (429 after the receiver's Retry-After); any other 4xx means the request itself is wrong
 * (a revoked Slack URL, a rejected recipient) and is not retried.
 */
export type AttemptOutcome =
  | { kind: 'delivered'; statusCode?: number }
  | { kind: 'retryable'; statusCode?: number; error: string; retryAfterMs?: number }
  | { kind: 'permanent'; statusCode?: number; error: string };

export const RETRY_POLICY = {
  /** Attempts in all, the first one included. */
  maxAttempts: 10,
  baseDelayMs: 1_000,
  /** No wait between two attempts is longer than this (5 min) … */
  maxDelayMs: 5 * 60_000,
  /** … except a receiver's own Retry-After, honoured up to 15 min. */
  maxRetryAfterMs: 15 * 60_000,
} as const;

/** The wait before attempt `attempt + 1`: 1 s, 2 s, 4 s … capped at 5 min; a longer Retry-After wins. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  const exponential = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return exponential;
  return Math.max(exponential, Math.min(RETRY_POLICY.maxRetryAfterMs, Math.max(0, retryAfterMs)));
}

/** An HTTP answer as an outcome. */
export function httpOutcome(status: number, opts: { retryAfterMs?: number; body?: string } = {}): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', statusCode: status };
  const error = `HTTP ${status}${opts.body ? `: ${opts.body.slice(0, 200)}` : ''}`;
  if (status === 429 || status >= 500) {
    return { kind: 'retryable', statusCode: status, error, ...(opts.retryAfterMs !== undefined ? { retryAfterMs: opts.retryAfterMs } : {}) };
  }
  if (status >= 300 && status < 400) return { kind: 'permanent', statusCode: status, error: `${error} (redirects are not followed)` };
  return { kind: 'permanent', statusCode: status, error };
}

/** `Retry-After: 120` or an HTTP date → milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
