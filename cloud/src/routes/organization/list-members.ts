import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { listMembers } from '../../db/repos/memberships.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { memberSchema, memberView } from './member.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/organization/members`,
  tags: ['organization'],
  summary: 'Members of the active organization, in the order they joined (any role may read)',
  ...authenticated,
  responses: { 200: json(z.object({ members: z.array(memberSchema) }), 'The members'), ...errors(401) },
});

export function registerListMembers(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const rows = await listMembers(c.get('deps').db, scopeOf(c.get('principal')));
    return c.json({ members: rows.map(memberView) }, 200);
  });
}
