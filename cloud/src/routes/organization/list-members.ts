import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { listMembers } from '../../db/repos/memberships.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, millis, V1 } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';

const memberSchema = z.object({ userId: z.string(), email: z.string(), role: roleSchema, joinedAt: millis }).openapi('Member');

const route = createRoute({
  method: 'get',
  path: `${V1}/organization/members`,
  tags: ['organization'],
  summary: 'Members of the active organization (any role may read)',
  ...authenticated,
  responses: { 200: json(z.object({ members: z.array(memberSchema) }), 'The members'), ...errors(401) },
});

export function registerListMembers(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const rows = await listMembers(c.get('deps').db, scopeOf(c.get('principal')));
    return c.json({ members: rows.map((m) => ({ ...m, joinedAt: m.joinedAt.getTime() })) }, 200);
  });
}
