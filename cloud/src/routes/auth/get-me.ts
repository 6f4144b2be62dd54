import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { meSchema } from './auth.schemas';
import { meView } from './me-view';

const route = createRoute({
  method: 'get',
  path: `${V1}/auth/me`,
  tags: ['auth'],
  summary: 'Who is calling: the user, their memberships and the active organization',
  ...authenticated,
  responses: { 200: json(meSchema, 'The caller'), ...errors(401) },
});

export function registerGetMe(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => c.json(await meView(c.get('deps'), c.get('principal')), 200));
}
