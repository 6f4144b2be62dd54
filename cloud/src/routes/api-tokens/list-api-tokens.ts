import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { listApiTokens } from '../../db/repos/api-tokens.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { apiTokenSchema, apiTokenView } from './api-token.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/api-tokens`,
  tags: ['api-tokens'],
  summary: 'The organization’s API tokens, revoked ones included (admin; secrets are never shown again)',
  ...authenticated,
  responses: { 200: json(z.object({ apiTokens: z.array(apiTokenSchema) }), 'The tokens'), ...errors(401, 403) },
});

export function registerListApiTokens(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const rows = await listApiTokens(c.get('deps').db, scopeOf(principal));
    return c.json({ apiTokens: rows.map(apiTokenView) }, 200);
  });
}
