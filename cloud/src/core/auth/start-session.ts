import { deleteExpiredSessions, insertSession } from '../../db/repos/sessions.repo';
import type { Queryable } from '../../db/repos/queryable';
import type { Clock } from '../../ports/clock';
import { SESSION_POLICY } from './policy';
import { generateSecret, hashSecret } from './tokens';

/**
 * Opens a session for a user in an organization. Returns the token for the cookie — the only
 * place it ever exists in clear; the table keeps its SHA-256.
 */
export async function startSession(
  db: Queryable,
  clock: Clock,
  opts: { userId: string; orgId: string },
): Promise<{ token: string; expiresAt: number }> {
  const now = clock.now();
  const token = generateSecret('session');
  const expiresAt = now + SESSION_POLICY.idleMs;
  await deleteExpiredSessions(db, opts.userId, new Date(now));
  await insertSession(db, {
    tokenHash: hashSecret(token),
    userId: opts.userId,
    activeOrgId: opts.orgId,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(expiresAt),
  });
  return { token, expiresAt };
}
