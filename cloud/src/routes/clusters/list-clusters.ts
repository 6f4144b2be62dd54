import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { listClusters, listNodesWithStatus } from '../../db/repos/clusters.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { clusterSummarySchema } from './cluster.schemas';
import { clusterDetail, clusterSummary, compareClusters } from './cluster-view';

const route = createRoute({
  method: 'get',
  path: `${V1}/clusters`,
  tags: ['clusters'],
  summary: 'Every cluster with its health and nodes, worst health first',
  ...authenticated,
  responses: { 200: json(z.object({ clusters: z.array(clusterSummarySchema) }), 'The clusters'), ...errors(401) },
});

export function registerListClusters(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const clusters = await listClusters(deps.db, scope);
    const nodes = await listNodesWithStatus(deps.db, scope, clusters.map((cl) => cl.id));
    const now = deps.clock.now();
    const summaries = clusters
      .map((cl) => clusterSummary(clusterDetail(cl, nodes.filter((n) => n.clusterId === cl.id), now, deps.config.agentOfflineAfterMs)))
      .sort(compareClusters);
    return c.json({ clusters: summaries }, 200);
  });
}
