import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findClusterEvent, listClusterEvents } from '../../db/repos/cluster-events.repo';
import { findCluster } from '../../db/repos/clusters.repo';
import { EVENT_SEVERITIES } from '../../db/schema/telemetry';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, millis, V1 } from '../../http/openapi';

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z
      .string()
      .regex(/^evt_[0-9A-Z]{26}$/, 'not an event id')
      .optional()
      .describe('`nextBefore` of the previous page: events older than this one'),
  })
  .strict();

const eventSchema = z
  .object({
    id: z.string(),
    clusterId: z.string(),
    nodeId: z.string().nullable(),
    type: z.string(),
    severity: z.enum(EVENT_SEVERITIES),
    message: z.string(),
    data: z.unknown(),
    occurredAt: millis,
  })
  .openapi('ClusterEvent');

const route = createRoute({
  method: 'get',
  path: `${V1}/clusters/{id}/events`,
  tags: ['clusters'],
  summary: 'The cluster’s timeline, newest first, in pages',
  ...authenticated,
  request: { params: idParam, query },
  responses: {
    200: json(z.object({ events: z.array(eventSchema), nextBefore: z.string().nullable() }), 'A page of events'),
    ...errors(400, 401, 404),
  },
});

export function registerListClusterEvents(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const { id } = c.req.valid('param');
    const { limit, before } = c.req.valid('query');
    if (!(await findCluster(deps.db, scope, id))) throw notFound('cluster');
    const cursor = before ? await findClusterEvent(deps.db, scope, id, before) : undefined;
    if (before && !cursor) throw new AppError('validation_failed', 'invalid query: before: no such event in this cluster');
    const rows = await listClusterEvents(deps.db, scope, { clusterId: id, limit, before: cursor });
    const events = rows.map((r) => ({
      id: r.id,
      clusterId: r.clusterId,
      nodeId: r.nodeId,
      type: r.type,
      severity: r.severity,
      message: r.message,
      data: r.data ?? null,
      occurredAt: r.occurredAt.getTime(),
    }));
    const last = events[events.length - 1];
    return c.json({ events, nextBefore: events.length === limit && last ? last.id : null }, 200);
  });
}
