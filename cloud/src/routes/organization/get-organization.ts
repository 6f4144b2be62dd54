import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { getOrganization } from '../../db/repos/organizations.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, millis, V1 } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';

const organizationSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: millis, role: roleSchema.describe('Your role in it') })
  .openapi('Organization');

const route = createRoute({
  method: 'get',
  path: `${V1}/organization`,
  tags: ['organization'],
  summary: 'The active organization and your role in it',
  ...authenticated,
  responses: { 200: json(organizationSchema, 'The organization'), ...errors(401) },
});

export function registerGetOrganization(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    const org = await getOrganization(c.get('deps').db, scopeOf(principal));
    if (!org) throw notFound('organization');
    return c.json({ id: org.id, name: org.name, createdAt: org.createdAt.getTime(), role: principal.role }, 200);
  });
}
