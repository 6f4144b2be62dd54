/**
 * Expected errors carry a code; one table maps codes to HTTP statuses. Anything else is a bug and
 * becomes a 500 that tells the client only a request id (the details go to the log).
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  /** An agent enrollment token that is unknown, expired, used up or revoked (`details.reason`). */
  enrollment_rejected: 401,
  forbidden: 403,
  /** A cookie-authenticated request that changes state without `Content-Type: application/json`. */
  csrf_rejected: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** A Galera precondition the cloud can see does not hold (`details.refusal` says which and why). */
  precondition_failed: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
