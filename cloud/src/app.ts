import { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from './deps';

/**
 * The whole HTTP API as one Hono app: `app.fetch(Request) → Response`. The local host serves it
 * with @hono/node-server, the AWS host with hono/aws-lambda; tests call `app.request()`.
 * (Minimal for now: the routes arrive with the API work.)
 */
export function buildApp(deps: Deps) {
  const app = new OpenAPIHono();
  app.get('/api/v1/health', (c) => c.json({ status: 'ok', serverTime: deps.clock.now() }));
  return app;
}
