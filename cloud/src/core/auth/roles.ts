import { AppError } from '../../errors';
import { ROLES, type Role } from '../../db/schema/identity';
import type { Principal } from './principal';

export { ROLES, type Role };

/** owner > admin > operator > viewer. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/** The weaker of two roles (a token never acts with more than its creator holds now). */
export function weakerRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}

/**
 * The one authorization check routes make. It runs before the object is looked up, so it never
 * depends on (or reveals) whether another organization's object exists: that is always a 404.
 *
 * @example
 * requireRole(principal, 'admin'); // throws 403 forbidden for a viewer
 */
export function requireRole(principal: Principal, minimum: Role): void {
  if (!roleAtLeast(principal.role, minimum)) {
    throw new AppError('forbidden', `this requires the ${minimum} role or higher (you are ${principal.role})`);
  }
}
