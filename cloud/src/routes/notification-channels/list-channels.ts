import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findChannel, listChannels } from '../../db/repos/notification-channels.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { channelSchema, channelView } from './channel.schemas';

const listRoute = createRoute({
  method: 'get',
  path: `${V1}/notification-channels`,
  tags: ['alerts'],
  summary: 'The organization’s notification channels (secrets masked)',
  ...authenticated,
  responses: { 200: json(z.object({ channels: z.array(channelSchema) }), 'The channels'), ...errors(401) },
});

const getRoute = createRoute({
  method: 'get',
  path: `${V1}/notification-channels/{id}`,
  tags: ['alerts'],
  summary: 'One notification channel (secrets masked)',
  ...authenticated,
  request: { params: idParam },
  responses: { 200: json(channelSchema, 'The channel'), ...errors(400, 401, 404) },
});

export function registerListChannels(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const rows = await listChannels(c.get('deps').db, scopeOf(c.get('principal')));
    return c.json({ channels: rows.map(channelView) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const row = await findChannel(c.get('deps').db, scopeOf(c.get('principal')), c.req.valid('param').id);
    if (!row) throw notFound('notification channel');
    return c.json(channelView(row), 200);
  });
}
