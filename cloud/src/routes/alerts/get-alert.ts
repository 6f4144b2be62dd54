import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { deliveriesOfAlert, findAlert } from '../../db/repos/alerts.repo';
import { CHANNEL_TYPES, NOTIFICATION_STATES } from '../../db/schema/alerts';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, millis, V1 } from '../../http/openapi';
import { alertSchema, alertView } from './alert.schemas';

const alertDeliverySchema = z.object({
  id: z.string().describe('The delivery id (also sent to the receiver)'),
  channelId: z.string(),
  channelName: z.string().nullable(),
  channelType: z.enum(CHANNEL_TYPES).nullable(),
  status: z.enum(['firing', 'resolved', 'test']),
  state: z.enum(NOTIFICATION_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: millis,
  deliveredAt: millis.nullable(),
});

const route = createRoute({
  method: 'get',
  path: `${V1}/alerts/{id}`,
  tags: ['alerts'],
  summary: 'One alert, with the notifications that named it (channel, when, result)',
  ...authenticated,
  request: { params: idParam },
  responses: { 200: json(alertSchema.extend({ deliveries: z.array(alertDeliverySchema) }).openapi('AlertDetail'), 'The alert'), ...errors(400, 401, 404) },
});

export function registerGetAlert(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const { db } = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const row = await findAlert(db, scope, c.req.valid('param').id);
    if (!row) throw notFound('alert');
    const deliveries = (await deliveriesOfAlert(db, scope, row.alert.id)).map((d) => ({
      ...d,
      createdAt: d.createdAt.getTime(),
      deliveredAt: d.deliveredAt?.getTime() ?? null,
    }));
    return c.json({ ...alertView(row), deliveries }, 200);
  });
}
