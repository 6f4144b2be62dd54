import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { actorOf } from '../../core/audit/actor';
import { recordAudit } from '../../db/repos/audit.repo';
import { findEnrollmentToken, revokeEnrollmentToken } from '../../db/repos/enrollment-tokens.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'delete',
  path: `${V1}/enrollment-tokens/{id}`,
  tags: ['enrollment-tokens'],
  summary: 'Revoke an enrollment token (admin); agents already enrolled with it stay. Idempotent.',
  ...authenticated,
  request: { params: idParam },
  responses: { 204: { description: 'Revoked' }, ...errors(400, 401, 403, 404) },
});

export function registerRevokeEnrollmentToken(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { id } = c.req.valid('param');
    const scope = scopeOf(principal);
    if (!(await findEnrollmentToken(deps.db, scope, id))) throw notFound('enrollment token');
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await revokeEnrollmentToken(tx, scope, id, new Date(now));
      await recordAudit(tx, scope, { actor: actorOf(principal), action: 'enrollment_token.revoke', target: { type: 'enrollment_token', id }, requestId: c.get('requestId'), at: now });
    });
    return c.body(null, 204);
  });
}
