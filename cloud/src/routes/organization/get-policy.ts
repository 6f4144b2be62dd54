import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { getPolicy } from '../../db/repos/org-policies.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { policySchema } from './policy.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/organization/policy`,
  tags: ['organization'],
  summary: 'The organization’s rules for operations',
  ...authenticated,
  responses: { 200: json(policySchema, 'The policy (defaults if never set)'), ...errors(401) },
});

export function registerGetPolicy(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => c.json(await getPolicy(c.get('deps').db, scopeOf(c.get('principal'))), 200));
}
