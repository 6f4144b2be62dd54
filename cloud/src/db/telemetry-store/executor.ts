import type { Database } from '../client';

/** A transaction handle as drizzle passes it to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Anything queries can run on: the pool-backed database or an open transaction. */
export type Executor = Database | Transaction;

/** mysql2's answer to INSERT/UPDATE/DELETE, as drizzle returns it (`[header, fields]`). */
export function affectedRows(result: unknown): number {
  const header = Array.isArray(result) ? result[0] : result;
  return typeof header === 'object' && header !== null && 'affectedRows' in header
    ? Number((header as { affectedRows: number }).affectedRows)
    : 0;
}

/** The MySQL error number of a failed query (drizzle wraps driver errors in `cause`). */
export function mysqlErrno(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'number') return errno;
  }
  return undefined;
}

/** Deadlock (1213) or lock wait timeout (1205): the transaction may simply be run again. */
export function isRetryableLockError(error: unknown): boolean {
  const errno = mysqlErrno(error);
  return errno === 1213 || errno === 1205;
}

/**
 * Runs `work` in a READ COMMITTED transaction, again (up to `attempts` times) when InnoDB picks it
 * as a deadlock victim. READ COMMITTED because every statement must see what concurrent
 * transactions committed before it — the ingest reads a cluster's nodes after taking the
 * cluster's lock, and a REPEATABLE READ snapshot taken earlier would hide the previous holder's writes.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work, { isolationLevel: 'read committed' });
    } catch (error) {
      if (attempt >= attempts || !isRetryableLockError(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}

/**
 * A JSON column's value. mysql2 parses JSON columns from MySQL and from MariaDB when the server
 * describes them as JSON; older MariaDB servers send the LONGTEXT underneath as text. Accept both.
 */
export function jsonColumn<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}
