import type { Principal, UserPrincipal } from '../../core/auth/principal';
import { AppError } from '../../errors';

/** Session-only actions (logout, switching organization) make no sense for an API token. */
export function requireSession(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw new AppError('forbidden', 'this needs a portal session, not an API token');
  return principal;
}
