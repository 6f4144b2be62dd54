import type { Role } from '../../db/schema/identity';
import { tenantScope, type TenantScope } from '../../db/tenant-scope';

/**
 * Who is calling, resolved once per request by the auth middleware (`http/authenticate.ts`) from
 * the session cookie or a bearer API token. The organization and role come from the database,
 * never from the request.
 */
export type Principal = UserPrincipal | ApiTokenPrincipal;

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  orgId: string;
  role: Role;
  /** SHA-256 of the session token (logout deletes by it). */
  sessionHash: string;
}

export interface ApiTokenPrincipal {
  kind: 'api_token';
  tokenId: string;
  orgId: string;
  /** The token's role, capped by its creator's current role. */
  role: Role;
  /** The user who created the token (tokens it creates are recorded as theirs). */
  createdBy: string;
  userId?: undefined;
}

/** The tenant scope of a principal: the only way route code obtains one. */
export function scopeOf(principal: Principal): TenantScope {
  return tenantScope(principal.orgId);
}
