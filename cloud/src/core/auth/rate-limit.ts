import { AppError } from '../../errors';
import { clearWindow, incrementWindow, peekWindow } from '../../db/repos/rate-limits.repo';
import type { Queryable } from '../../db/repos/queryable';
import { hashSecret } from './tokens';
import type { RateLimitRule } from './policy';

/**
 * Failure-counting limits (login, enrollment, invitation links): check before the attempt, count
 * a failure after it. Counting only failures means a user who types their password right is never
 * locked out by their own successes, while guessing is capped per key.
 */
export async function assertUnderLimit(db: Queryable, key: string, rule: RateLimitRule, now: number): Promise<void> {
  const window = await peekWindow(db, key, new Date(now - rule.windowMs));
  if (window && window.count >= rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.windowStart.getTime() + rule.windowMs - now) / 1000));
    throw new AppError('rate_limited', `too many attempts; try again in ${retryAfterSeconds} s`, {
      details: { retryAfterSeconds },
    });
  }
}

export async function recordFailure(db: Queryable, key: string, rule: RateLimitRule, now: number): Promise<void> {
  await incrementWindow(db, key, new Date(now), new Date(now - rule.windowMs));
}

export async function resetLimit(db: Queryable, key: string): Promise<void> {
  await clearWindow(db, key);
}

/** Keys never hold an email in clear (the table is not meant to be a list of who tried). */
export const rateLimitKeys = {
  loginEmail: (email: string) => `login:email:${hashSecret(email)}`,
  loginIp: (ip: string) => `login:ip:${ip}`,
  enrollIp: (ip: string) => `enroll:ip:${ip}`,
  invitationIp: (ip: string) => `invitation:ip:${ip}`,
};
