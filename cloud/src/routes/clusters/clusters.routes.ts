import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerGetCluster } from './get-cluster';
import { registerListClusterEvents } from './list-cluster-events';
import { registerListClusters } from './list-clusters';

export function registerClusterRoutes(app: OpenAPIHono<AppEnv>): void {
  registerListClusters(app);
  registerGetCluster(app);
  registerListClusterEvents(app);
}
