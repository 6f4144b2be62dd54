/**
 * Lifetimes and limits of authentication, in one place so tests and docs can refer to them.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const SESSION_POLICY = {
  /** A session unused for this long ends (sliding: each use pushes the expiry out again). */
  idleMs: 7 * DAY,
  /** …but no session lives longer than this from login, however active. */
  absoluteMs: 30 * DAY,
  /** Writes to slide the expiry happen at most this often per session (not on every request). */
  touchEveryMs: MINUTE,
} as const;

/** An invitation link works for this long, once. */
export const INVITATION_TTL_MS = 7 * DAY;

/** API tokens record `last_used_at` at most this often. */
export const API_TOKEN_TOUCH_EVERY_MS = MINUTE;

/** Fixed-window limits enforced through the `rate_limits` table, so they hold across processes. */
export const RATE_LIMITS = {
  loginPerEmail: { limit: 5, windowMs: 15 * MINUTE },
  loginPerIp: { limit: 20, windowMs: 15 * MINUTE },
  /** Failed enrollments (bad tokens) per IP: token guessing is pointless, but noisy. */
  enrollPerIp: { limit: 20, windowMs: 15 * MINUTE },
  /** Failed invitation lookups per IP (unknown, expired, used or revoked tokens): the same reasoning. */
  invitationPerIp: { limit: 20, windowMs: 15 * MINUTE },
} as const;

export type RateLimitRule = { limit: number; windowMs: number };
