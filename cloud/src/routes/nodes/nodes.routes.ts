import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerGetNodeMetrics } from './get-node-metrics';

export function registerNodeRoutes(app: OpenAPIHono<AppEnv>): void {
  registerGetNodeMetrics(app);
}
