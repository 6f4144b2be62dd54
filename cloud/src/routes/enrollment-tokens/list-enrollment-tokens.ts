import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { listEnrollmentTokens } from '../../db/repos/enrollment-tokens.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { enrollmentTokenSchema, enrollmentTokenView } from './enrollment-token.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/enrollment-tokens`,
  tags: ['enrollment-tokens'],
  summary: 'The organization’s enrollment tokens with their state (admin)',
  ...authenticated,
  responses: { 200: json(z.object({ enrollmentTokens: z.array(enrollmentTokenSchema) }), 'The tokens'), ...errors(401, 403) },
});

export function registerListEnrollmentTokens(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const rows = await listEnrollmentTokens(deps.db, scopeOf(principal));
    const now = deps.clock.now();
    return c.json({ enrollmentTokens: rows.map((r) => enrollmentTokenView(r, now)) }, 200);
  });
}
