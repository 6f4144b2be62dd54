import type { Context } from 'hono';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must declare
 * `Content-Type: application/json`.
 *
 * Why this rather than an Origin check: a cross-site page can only send "simple" requests
 * (form posts: urlencoded, multipart or text/plain) without a CORS preflight, and this API
 * answers no preflight — so a request declaring JSON can only come from our own origin's
 * scripts. It needs no configuration, so it cannot break behind a proxy that rewrites hosts or
 * under a mis-set `publicUrl`, and it holds even for old browsers that send no Origin header.
 * SameSite=Lax on the cookie is a second, independent layer. Bearer-token requests are exempt:
 * browsers never attach an Authorization header on their own.
 */
export function assertNotCrossSite(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new AppError(
      'csrf_rejected',
      'requests that change state with a session cookie must be sent as Content-Type: application/json',
    );
  }
}
