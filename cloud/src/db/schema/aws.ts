import { sql } from 'drizzle-orm';
import { index, json, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { at, idColumn } from './columns';

/**
 * Tables only the AWS host uses (the local host keeps the same state in memory).
 */

export const INBOX_STATES = ['processing', 'done'] as const;

/**
 * The SQS consumers' inbox: one row per queue message id. SQS delivers at least once — the same
 * message id can arrive twice, even at two consumers at once — so a consumer claims the id before
 * handling it and marks it done after; a message already done is acknowledged without running the
 * handler again. A system table (messages of every tenant pass through it), swept by retention.
 */
export const queueInbox = mysqlTable(
  'queue_inbox',
  {
    messageId: varchar('message_id', { length: 128 }).primaryKey(),
    queue: varchar('queue', { length: 32 }).notNull(),
    state: mysqlEnum('state', INBOX_STATES).notNull(),
    /** When the current attempt claimed the message; an old claim is a crashed attempt's. */
    claimedAt: at('claimed_at').notNull(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('queue_inbox_claimed_idx').on(t.claimedAt)],
);

/**
 * Invalid-message timestamps of one API Gateway WebSocket connection. On Lambda every message is
 * its own invocation, so the gateway's per-connection abuse counter would start from zero each
 * time; the recent invalid messages are kept here instead (written only when a message is invalid)
 * and seed the counter of the next invocation. Deleted with the connection.
 */
export const agentConnectionGuards = mysqlTable('agent_connection_guards', {
  connectionId: varchar('connection_id', { length: 128 }).primaryKey(),
  orgId: idColumn('org_id').notNull(),
  /** Milliseconds since the epoch of the latest invalid messages (at most the guard's limit). */
  invalidAt: json('invalid_at').$type<number[]>().notNull(),
  updatedAt: at('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});
