import { findMemberRole } from '../../db/repos/memberships.repo';
import type { Queryable } from '../../db/repos/queryable';
import type { TenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import type { Principal } from './principal';
import { weakerRole, type Role } from './roles';

/**
 * The caller's role as it is now, read inside the caller's transaction (after the organization's
 * lock): a principal's role was read when the request arrived, and a member change must not act
 * on a role taken away meanwhile (two owners demoting each other at once). An API token stays
 * capped by its creator's current role.
 */
export async function currentRole(tx: Queryable, scope: TenantScope, principal: Principal): Promise<Role> {
  const person = principal.kind === 'user' ? principal.userId : principal.createdBy;
  const role = await findMemberRole(tx, scope, person);
  if (!role) throw new AppError('forbidden', 'you are no longer a member of this organization');
  return principal.kind === 'user' ? role : weakerRole(principal.role, role);
}
