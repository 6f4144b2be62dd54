import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { actorOf } from '../../core/audit/actor';
import { findApiToken, revokeApiToken } from '../../db/repos/api-tokens.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'delete',
  path: `${V1}/api-tokens/{id}`,
  tags: ['api-tokens'],
  summary: 'Revoke an API token (admin); it stops working at once. Idempotent.',
  ...authenticated,
  request: { params: idParam },
  responses: { 204: { description: 'Revoked' }, ...errors(400, 401, 403, 404) },
});

export function registerRevokeApiToken(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { id } = c.req.valid('param');
    const scope = scopeOf(principal);
    if (!(await findApiToken(deps.db, scope, id))) throw notFound('api token');
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await revokeApiToken(tx, scope, id, new Date(now));
      await recordAudit(tx, scope, { actor: actorOf(principal), action: 'api_token.revoke', target: { type: 'api_token', id }, requestId: c.get('requestId'), at: now });
    });
    deps.log.info('api token revoked', { tokenId: id, orgId: scope.orgId });
    return c.body(null, 204);
  });
}
