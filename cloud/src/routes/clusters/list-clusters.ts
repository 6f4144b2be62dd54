import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { countActiveAlerts, noActiveAlerts } from '../../db/repos/alerts.repo';
import { listClusters, listNodesWithStatus } from '../../db/repos/clusters.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { clusterSummarySchema } from './cluster.schemas';
import { clusterDetail, clusterSummary, compareClusters } from './cluster-view';

const route = createRoute({
  method: 'get',
  path: `${V1}/clusters`,
  tags: ['clusters'],
  summary: 'Every cluster with its health, nodes and active alert counts, worst health first',
  ...authenticated,
  responses: { 200: json(z.object({ clusters: z.array(clusterSummarySchema) }), 'The clusters'), ...errors(401) },
});

export function registerListClusters(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const clusters = await listClusters(deps.db, scope);
    const ids = clusters.map((cl) => cl.id);
    const nodes = await listNodesWithStatus(deps.db, scope, ids);
    const alerts = await countActiveAlerts(deps.db, scope, ids);
    const opts = { now: deps.clock.now(), offlineAfterMs: deps.config.agentOfflineAfterMs };
    const summaries = clusters
      .map((cl) => clusterSummary(clusterDetail(cl, nodes.filter((n) => n.clusterId === cl.id), { ...opts, alerts: alerts.get(cl.id) ?? noActiveAlerts() })))
      .sort(compareClusters);
    return c.json({ clusters: summaries }, 200);
  });
}
