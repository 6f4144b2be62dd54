import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { json, millis, publicRoute, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'get',
  path: `${V1}/health`,
  tags: ['system'],
  summary: 'Liveness: the API answers and tells its clock',
  ...publicRoute,
  responses: { 200: json(z.object({ status: z.literal('ok'), serverTime: millis }), 'The API is up') },
});

export function registerHealth(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, (c) => c.json({ status: 'ok' as const, serverTime: c.get('deps').clock.now() }, 200));
}
