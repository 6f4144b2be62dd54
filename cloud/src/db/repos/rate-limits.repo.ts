import { eq, sql } from 'drizzle-orm';
import { rateLimits } from '../schema/identity';
import type { Queryable } from './queryable';

/**
 * Fixed-window counters. Keys name what is limited (`login:email:<sha256>`, `login:ip:<ip>`), not
 * a tenant: limits apply before anyone is authenticated.
 */
export interface WindowCount {
  count: number;
  windowStart: Date;
}

/** The current window's count, or undefined when there is none or it has ended. */
export async function peekWindow(db: Queryable, key: string, windowStartAfter: Date): Promise<WindowCount | undefined> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  if (!row || row.windowStart <= windowStartAfter) return undefined;
  return { count: row.count, windowStart: row.windowStart };
}

/**
 * Adds one to the key's window in a single statement (atomic across processes), starting a new
 * window at `now` when the stored one began at or before `staleBefore`. In MySQL's ON DUPLICATE
 * KEY UPDATE, assignments see the columns updated before them, so `count` is computed first,
 * while `window_start` still holds the old value.
 */
export async function incrementWindow(db: Queryable, key: string, now: Date, staleBefore: Date): Promise<void> {
  await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onDuplicateKeyUpdate({
      set: {
        count: sql`IF(${rateLimits.windowStart} <= ${staleBefore}, 1, ${rateLimits.count} + 1)`,
        windowStart: sql`IF(${rateLimits.windowStart} <= ${staleBefore}, ${now}, ${rateLimits.windowStart})`,
      },
    });
}

export async function clearWindow(db: Queryable, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
