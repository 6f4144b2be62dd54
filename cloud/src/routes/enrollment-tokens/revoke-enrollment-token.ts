import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
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
    await revokeEnrollmentToken(deps.db, scope, id, new Date(deps.clock.now()));
    return c.body(null, 204);
  });
}
