import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorBody, type ErrorCode } from '../errors';
import type { AppEnv } from './context';

/**
 * The one place errors become responses. Expected errors (`AppError`, and the few hono raises
 * itself) keep their code and message; anything else is a bug: it is logged once, with the
 * request id, and the client learns only that id.
 */
export const errorHandler: ErrorHandler<AppEnv> = (err, c) => {
  const expected = err instanceof AppError ? err : fromHonoException(err);
  if (expected) return errorResponse(c, expected);
  const requestId = c.get('requestId') ?? 'unknown';
  c.get('deps')?.log.error('unhandled error', {
    requestId,
    method: c.req.method,
    path: c.req.path,
    error: describeError(err),
  });
  const body: ErrorBody = { error: { code: 'internal', message: `internal error (request ${requestId})`, requestId } };
  return c.json(body, 500);
};

export function errorResponse(c: Context, err: AppError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  if (err.details !== undefined) body.error.details = err.details;
  const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (err.code === 'rate_limited' && retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
  return c.json(body, err.status as 400);
}

/** hono's own exceptions: malformed JSON (validator), 415 (zod-openapi's media-type gate), 413. */
function fromHonoException(err: unknown): AppError | undefined {
  if (!(err instanceof HTTPException)) return undefined;
  const byStatus: Record<number, [ErrorCode, string]> = {
    400: /json/i.test(err.message) ? ['invalid_json', 'request body is not valid JSON'] : ['validation_failed', err.message || 'bad request'],
    401: ['unauthenticated', 'authentication required'],
    413: ['payload_too_large', 'request body too large'],
    415: ['unsupported_media_type', 'request body must be sent as Content-Type: application/json'],
  };
  const mapped = byStatus[err.status];
  return mapped ? new AppError(mapped[0], mapped[1], { cause: err }) : undefined;
}

/**
 * An error as it may be logged. Drizzle's query errors quote the bound parameters, which can be
 * hashes of secrets or emails: those lines are cut.
 */
export function describeError(err: unknown): Record<string, unknown> {
  const redact = (text: string | undefined) => text?.replace(/\nparams: [^\n]*/g, '\nparams: [redacted]');
  if (!(err instanceof Error)) return { value: typeof err };
  const cause = err.cause instanceof Error ? describeError(err.cause) : undefined;
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: redact(err.message), code, stack: redact(err.stack), cause };
}
