/**
 * Posts notifications to URLs an organization configured (Slack incoming webhooks, generic
 * webhooks). Because the URL comes from a customer, an implementation must refuse targets in
 * private, loopback or link-local networks AFTER resolving the name (and connect to the address it
 * checked), never follow redirects, and bound every request in time. One attempt per call; the
 * notify job owns retries.
 *
 * @example
 * await http.validateTarget('https://hooks.slack.com/services/…') // throws TargetRejectedError for http://10.0.0.5/
 * const { status } = await http.post(url, { body, headers: { 'content-type': 'application/json' } })
 */
export interface HttpSender {
  /** Resolves the URL's host and throws `TargetRejectedError` (core/notify/address-policy) if it is not allowed. */
  validateTarget(url: string): Promise<void>;
  /** Resolves with the answer (any status); rejects with `TargetRejectedError` or `HttpSendError`. */
  post(url: string, request: { body: string; headers: Record<string, string>; timeoutMs?: number }): Promise<HttpAnswer>;
}

export interface HttpAnswer {
  status: number;
  /** `Retry-After`, raw. */
  retryAfter?: string | undefined;
  /** The first bytes of the answer (for the delivery log). */
  bodySnippet: string;
}

/** The request did not get an answer: connection refused or reset, DNS failure, timeout. Retryable. */
export class HttpSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpSendError';
  }
}
