import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { title, type NotificationDocument } from '../../core/notify/document';
import { deliveryAlertIds, deliveryAttempts, findDelivery, listDeliveries } from '../../db/repos/deliveries.repo';
import { parseJson } from '../../db/repos/queryable';
import { ATTEMPT_OUTCOMES, CHANNEL_TYPES, NOTIFICATION_STATES } from '../../db/schema/alerts';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, millis, V1 } from '../../http/openapi';
import { severitySchema } from '../alerts/alert.schemas';

const deliverySchema = z
  .object({
    id: z.string().describe('The delivery id: deterministic per (alert group notification, channel); receivers get it too'),
    channelId: z.string(),
    channelName: z.string().nullable().describe('null once the channel was deleted'),
    channelType: z.enum(CHANNEL_TYPES).nullable(),
    clusterId: z.string().nullable(),
    kind: z.enum(['alerts', 'test']),
    status: z.enum(['firing', 'resolved', 'test']),
    severity: severitySchema,
    title: z.string(),
    state: z.enum(NOTIFICATION_STATES).describe('pending (a retry is scheduled), sending, delivered, failed'),
    attempts: z.number().int(),
    nextAttemptAt: millis.nullable(),
    lastError: z.string().nullable(),
    deliveredAt: millis.nullable(),
    createdAt: millis,
  })
  .openapi('Delivery');

const attemptSchema = z.object({
  attempt: z.number().int(),
  at: millis,
  outcome: z.enum(ATTEMPT_OUTCOMES),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

type Row = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

function deliveryView(r: Row): z.infer<typeof deliverySchema> {
  const doc = parseJson<NotificationDocument>(r.payload);
  return {
    id: r.id,
    channelId: r.channelId,
    channelName: r.channelName,
    channelType: r.channelType,
    clusterId: r.clusterId,
    kind: r.kind,
    status: r.status,
    severity: r.severity,
    title: doc ? title(doc) : '',
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'pending' ? r.nextAttemptAt.getTime() : null,
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.getTime() ?? null,
    createdAt: r.createdAt.getTime(),
  };
}

const query = z
  .object({
    channelId: z.string().regex(/^chn_[0-9A-Za-z]{1,40}$/, 'not a channel id').optional(),
    alertId: z.string().regex(/^alr_[0-9A-Za-z]{1,40}$/, 'not an alert id').optional(),
    state: z.enum(NOTIFICATION_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().regex(/^dlv_[0-9A-Za-z]{1,40}$/, 'not a delivery id').optional().describe('`nextBefore` of the previous page'),
  })
  .strict();

const listRoute = createRoute({
  method: 'get',
  path: `${V1}/deliveries`,
  tags: ['alerts'],
  summary: 'The delivery log, newest first: which channel, when, result',
  ...authenticated,
  request: { query },
  responses: { 200: json(z.object({ deliveries: z.array(deliverySchema), nextBefore: z.string().nullable() }), 'A page of deliveries'), ...errors(400, 401) },
});

const getRoute = createRoute({
  method: 'get',
  path: `${V1}/deliveries/{id}`,
  tags: ['alerts'],
  summary: 'One delivery with every attempt (status, error, duration) and the alerts it named',
  ...authenticated,
  request: { params: idParam },
  responses: {
    200: json(deliverySchema.extend({ attemptLog: z.array(attemptSchema), alertIds: z.array(z.string()) }).openapi('DeliveryDetail'), 'The delivery'),
    ...errors(400, 401, 404),
  },
});

export function registerDeliveryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const q = c.req.valid('query');
    const cursor = q.before ? await findDelivery(db, scope, q.before) : undefined;
    if (q.before && !cursor) throw new AppError('validation_failed', 'invalid query: before: no such delivery');
    const rows = await listDeliveries(db, scope, {
      channelId: q.channelId,
      alertId: q.alertId,
      state: q.state,
      limit: q.limit,
      before: cursor ? { createdAt: cursor.createdAt, id: cursor.id } : undefined,
    });
    const deliveries = rows.map(deliveryView);
    return c.json({ deliveries, nextBefore: deliveries.length === q.limit ? (deliveries.at(-1)?.id ?? null) : null }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { db } = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const { id } = c.req.valid('param');
    const row = await findDelivery(db, scope, id);
    if (!row) throw notFound('delivery');
    const attempts = (await deliveryAttempts(db, scope, id)).map((a) => ({
      attempt: a.attempt,
      at: a.at.getTime(),
      outcome: a.outcome,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    }));
    return c.json({ ...deliveryView(row), attemptLog: attempts, alertIds: await deliveryAlertIds(db, scope, id) }, 200);
  });
}
