import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { countActiveAlerts, noActiveAlerts } from '../../db/repos/alerts.repo';
import { findCluster, listNodesWithStatus } from '../../db/repos/clusters.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { clusterDetailSchema } from './cluster.schemas';
import { clusterDetail } from './cluster-view';

const route = createRoute({
  method: 'get',
  path: `${V1}/clusters/{id}`,
  tags: ['clusters'],
  summary: 'One cluster: live Galera state of each node, the assessment (findings, components, split brain) and its active alerts counted',
  ...authenticated,
  request: { params: idParam },
  responses: { 200: json(clusterDetailSchema, 'The cluster'), ...errors(400, 401, 404) },
});

export function registerGetCluster(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const cluster = await findCluster(deps.db, scope, c.req.valid('param').id);
    if (!cluster) throw notFound('cluster');
    const nodes = await listNodesWithStatus(deps.db, scope, [cluster.id]);
    const alerts = (await countActiveAlerts(deps.db, scope, [cluster.id])).get(cluster.id) ?? noActiveAlerts();
    return c.json(clusterDetail(cluster, nodes, { now: deps.clock.now(), offlineAfterMs: deps.config.agentOfflineAfterMs, alerts }), 200);
  });
}
