import { findMemberRole } from '../../db/repos/memberships.repo';
import { deleteSession, findSession, touchSession } from '../../db/repos/sessions.repo';
import { tenantScope } from '../../db/tenant-scope';
import type { Deps } from '../../deps';
import { SESSION_POLICY } from './policy';
import type { UserPrincipal } from './principal';
import { hashSecret } from './tokens';

/**
 * A session cookie's token → the user acting in the session's active organization, with their
 * current role there (a role change applies at once). Expiry slides: each use moves it
 * `idleMs` ahead, bounded by `absoluteMs` after login; the write happens at most once per
 * `touchEveryMs`. `slidTo` tells the caller to re-issue the cookie with the new lifetime.
 */
export async function principalFromSession(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<{ principal: UserPrincipal; slidTo?: number } | undefined> {
  const now = deps.clock.now();
  const sessionHash = hashSecret(token);
  const session = await findSession(deps.db, sessionHash);
  if (!session) return undefined;
  const hardEnd = session.createdAt.getTime() + SESSION_POLICY.absoluteMs;
  if (session.expiresAt.getTime() <= now || hardEnd <= now) {
    await deleteSession(deps.db, sessionHash);
    return undefined;
  }
  // Membership is re-checked on every request: a removed member's sessions stop working at once.
  const role = await findMemberRole(deps.db, tenantScope(session.activeOrgId), session.userId);
  if (!role) return undefined;
  const principal: UserPrincipal = { kind: 'user', userId: session.userId, orgId: session.activeOrgId, role, sessionHash };
  if (now - session.lastSeenAt.getTime() < SESSION_POLICY.touchEveryMs) return { principal };
  const slidTo = Math.min(now + SESSION_POLICY.idleMs, hardEnd);
  await touchSession(deps.db, sessionHash, { lastSeenAt: new Date(now), expiresAt: new Date(slidTo) });
  return { principal, slidTo };
}
