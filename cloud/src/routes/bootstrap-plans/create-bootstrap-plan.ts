import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createBootstrapPlan } from '../../commands/bootstrap-plan';
import { deliverCommands } from '../../commands/deliver-commands';
import { observeCluster } from '../../commands/observe-cluster';
import { actorOf, issuerOf, personOf } from '../../core/audit/actor';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { inTransaction } from '../../db/telemetry-store/executor';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { bootstrapPlanSchema, bootstrapPlanView } from './bootstrap-plan.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/clusters/{id}/bootstrap-plan`,
  tags: ['bootstrap-plans'],
  summary: 'Plan a bootstrap after a full outage (admin): gather every node’s recovered position, choose the node',
  description:
    'Nodes that answer SQL give their live state; every other node is sent a recover-position command. The plan is `gathering` until ' +
    'all have answered (poll `GET /bootstrap-plans/{id}`), then `ready` — the most advanced node (highest seqno; a tie goes to ' +
    'safe_to_bootstrap: 1) and the exact bootstrap-cluster request to confirm — or `refused`: a node is Primary, the state UUIDs ' +
    'disagree (a person must choose), a zero UUID, or a node without a position.',
  ...authenticated,
  request: { params: idParam },
  responses: { 201: json(bootstrapPlanSchema, 'The plan (maybe still gathering)'), ...errors(400, 401, 403, 404) },
});

export function registerCreateBootstrapPlan(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { plan, commands } = await inTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      const observed = await observeCluster(tx, scope, { clusterId: c.req.valid('param').id, now, offlineAfterMs: deps.config.agentOfflineAfterMs });
      if (!observed) throw notFound('cluster');
      return createBootstrapPlan(tx, deps, scope, {
        observed,
        issuedBy: issuerOf(principal),
        issuerUserId: personOf(principal),
        actor: actorOf(principal),
        requestId: c.get('requestId'),
        now,
      });
    });
    await deliverCommands(deps, scope, commands);
    return c.json(bootstrapPlanView(plan), 201);
  });
}
