import { eq } from 'drizzle-orm';
import { users } from '../schema/identity';
import type { Queryable } from './queryable';

/**
 * Users are global identities (one login across organizations), not tenant data: an email is
 * looked up before any organization is known. What a user may see is decided by memberships.
 */
export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertUser(db: Queryable, row: typeof users.$inferInsert): Promise<void> {
  await db.insert(users).values(row);
}
