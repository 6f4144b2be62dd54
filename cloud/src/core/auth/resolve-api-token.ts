import { findApiTokenForAuth, touchApiToken } from '../../db/repos/api-tokens.repo';
import { tenantScope } from '../../db/tenant-scope';
import type { Deps } from '../../deps';
import { API_TOKEN_TOUCH_EVERY_MS } from './policy';
import type { ApiTokenPrincipal } from './principal';
import { weakerRole } from './roles';
import { API_TOKEN_PATTERN, hashSecret } from './tokens';

/**
 * A bearer `qrm_…` token → a principal of the token's organization. The role is the token's,
 * capped by its creator's current role; a token whose creator has left the organization, or that
 * is revoked or expired, authenticates nobody. `last_used_at` is written at most once a minute.
 */
export async function principalFromApiToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<ApiTokenPrincipal | undefined> {
  if (!API_TOKEN_PATTERN.test(token)) return undefined;
  const now = deps.clock.now();
  const found = await findApiTokenForAuth(deps.db, hashSecret(token));
  if (!found || !found.creatorRole) return undefined;
  const { token: row, creatorRole } = found;
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return undefined;
  const scope = tenantScope(row.orgId);
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= API_TOKEN_TOUCH_EVERY_MS) {
    await touchApiToken(deps.db, scope, row.id, new Date(now));
  }
  return { kind: 'api_token', tokenId: row.id, orgId: row.orgId, role: weakerRole(row.role, creatorRole), createdBy: row.createdBy };
}
