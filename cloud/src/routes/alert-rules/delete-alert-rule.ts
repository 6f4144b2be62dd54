import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { deleteRuleOverride } from '../../db/repos/alert-rules.repo';
import { findCluster } from '../../db/repos/clusters.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, V1 } from '../../http/openapi';
import { ruleParam } from './put-alert-rule';
import { clusterIdField } from '../alerts/alert.schemas';

const query = z.object({ clusterId: clusterIdField.optional() }).strict();

const route = createRoute({
  method: 'delete',
  path: `${V1}/alert-rules/{rule}`,
  tags: ['alerts'],
  summary: 'Remove the organization’s (or with ?clusterId= a cluster’s) override of a rule (admin). Idempotent.',
  ...authenticated,
  request: { params: ruleParam, query },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404) },
});

export function registerDeleteAlertRule(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { rule } = c.req.valid('param');
    const clusterId = c.req.valid('query').clusterId ?? '';
    if (clusterId && !(await findCluster(deps.db, scope, clusterId))) throw notFound('cluster');
    await deleteRuleOverride(deps.db, scope, { clusterId, rule });
    await requestEvaluation(deps.db, scope, deps.clock.now(), clusterId ? [clusterId] : undefined);
    return c.body(null, 204);
  });
}
