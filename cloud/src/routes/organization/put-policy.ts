import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actorOf, issuerOf } from '../../core/audit/actor';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { recordAudit } from '../../db/repos/audit.repo';
import { getPolicy, savePolicy } from '../../db/repos/org-policies.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { policySchema } from './policy.schemas';

const body = z.object({ bootstrapRequiresApproval: z.boolean() }).strict();

const route = createRoute({
  method: 'put',
  path: `${V1}/organization/policy`,
  tags: ['organization'],
  summary: 'Set the organization’s rules for operations (admin)',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: { 200: json(policySchema, 'The policy now'), ...errors(400, 401, 403, 413, 415) },
});

export function registerPutPolicy(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const input = c.req.valid('json');
    const scope = scopeOf(principal);
    const now = deps.clock.now();
    const policy = await deps.db.transaction(async (tx) => {
      const before = await getPolicy(tx, scope);
      await savePolicy(tx, scope, { ...input, updatedBy: issuerOf(principal), now });
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'organization.policy_update',
        target: { type: 'organization', id: scope.orgId },
        details: { before: { bootstrapRequiresApproval: before.bootstrapRequiresApproval }, after: input },
        requestId: c.get('requestId'),
        at: now,
      });
      return getPolicy(tx, scope);
    });
    return c.json(policy, 200);
  });
}
