import type { Database } from '../client';

/** A database or an open transaction: repository functions accept either. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Transaction;

/** Rows an UPDATE/DELETE changed (mysql2 returns `[ResultSetHeader, fields]`). */
export function affectedRows(result: unknown): number {
  const header = Array.isArray(result) ? result[0] : result;
  const n = (header as { affectedRows?: unknown } | undefined)?.affectedRows;
  return typeof n === 'number' ? n : 0;
}

/**
 * JSON columns come back parsed from MySQL but as text from MariaDB (its JSON is LONGTEXT), and
 * drizzle maps neither way: accept both.
 */
export function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return null;
    }
  }
  return value as T;
}

export const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

/** A unique-index violation (mysql2 `ER_DUP_ENTRY`), wherever it sits in the cause chain. */
export function isDuplicateKey(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === 'ER_DUP_ENTRY') return true;
  }
  return false;
}
