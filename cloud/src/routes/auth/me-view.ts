import type { Principal } from '../../core/auth/principal';
import { scopeOf } from '../../core/auth/principal';
import { listMembershipsOfUser } from '../../db/repos/memberships.repo';
import { getOrganization } from '../../db/repos/organizations.repo';
import { findUserById } from '../../db/repos/users.repo';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { Me } from './auth.schemas';

/** What signup, login, switch-organization and GET /auth/me all answer with. */
export async function meView(deps: Pick<Deps, 'db'>, principal: Principal): Promise<Me> {
  const org = await getOrganization(deps.db, scopeOf(principal));
  if (!org) throw new AppError('unauthenticated', 'the organization no longer exists');
  const activeOrganization = { id: org.id, name: org.name, role: principal.role };
  if (principal.kind === 'api_token') {
    return { authenticatedBy: 'api_token', user: null, activeOrganization, memberships: [] };
  }
  const user = await findUserById(deps.db, principal.userId);
  if (!user) throw new AppError('unauthenticated', 'the user no longer exists');
  const memberships = await listMembershipsOfUser(deps.db, user.id);
  return {
    authenticatedBy: 'session',
    user: { id: user.id, email: user.email, createdAt: user.createdAt.getTime() },
    activeOrganization,
    memberships: memberships.map((m) => ({ orgId: m.orgId, name: m.orgName, role: m.role })),
  };
}
