import { and, eq, lt, sql } from 'drizzle-orm';
import { queueInbox } from '../../db/schema/index';
import { affectedRows, type Executor } from '../../db/telemetry-store/executor';

export type InboxClaim =
  /** This attempt owns the message: handle it, then {@link completeInbox} (or {@link releaseInbox}). */
  | 'claimed'
  /** Handled before (SQS delivered it again): acknowledge it without handling it. */
  | 'done'
  /** Another attempt is handling it right now: report it failed, SQS will offer it again later. */
  | 'busy';

/**
 * Claims a queue message by its SQS message id. A claim older than `leaseMs` (longer than the
 * consumer can run) belongs to an attempt that crashed, and is taken over.
 */
export async function claimInbox(db: Executor, opts: { messageId: string; queue: string; now: number; leaseMs: number }): Promise<InboxClaim> {
  const now = new Date(opts.now);
  const inserted = await db.insert(queueInbox).ignore().values({ messageId: opts.messageId, queue: opts.queue, state: 'processing', claimedAt: now });
  if (affectedRows(inserted) === 1) return 'claimed';
  const takenOver = await db
    .update(queueInbox)
    .set({ claimedAt: now })
    .where(and(eq(queueInbox.messageId, opts.messageId), eq(queueInbox.state, 'processing'), lt(queueInbox.claimedAt, new Date(opts.now - opts.leaseMs))));
  if (affectedRows(takenOver) === 1) return 'claimed';
  const [row] = await db.select({ state: queueInbox.state }).from(queueInbox).where(eq(queueInbox.messageId, opts.messageId));
  if (!row) return claimInbox(db, opts); // released between our statements: try again
  return row.state === 'done' ? 'done' : 'busy';
}

export async function completeInbox(db: Executor, messageId: string, now: number): Promise<void> {
  await db.update(queueInbox).set({ state: 'done', finishedAt: new Date(now) }).where(eq(queueInbox.messageId, messageId));
}

/** Gives a failed attempt's claim back, so the next delivery handles the message at once. */
export async function releaseInbox(db: Executor, messageId: string): Promise<void> {
  await db.delete(queueInbox).where(and(eq(queueInbox.messageId, messageId), eq(queueInbox.state, 'processing')));
}

/** Deletes at most `limit` inbox rows claimed before `before` (SQS keeps no message that long). */
export async function sweepInbox(db: Executor, before: number, limit: number): Promise<number> {
  const result = await db.execute(sql`delete from ${queueInbox} where ${lt(queueInbox.claimedAt, new Date(before))} limit ${limit}`);
  return affectedRows(result);
}
