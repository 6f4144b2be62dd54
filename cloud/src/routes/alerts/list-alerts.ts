import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { ALERT_FILTERS, listAlerts } from '../../db/repos/alerts.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { alertSchema, alertView, clusterIdField, severitySchema } from './alert.schemas';

const query = z
  .object({
    state: z.enum(ALERT_FILTERS).default('active').describe('`active` (default): pending and firing, acknowledged included'),
    clusterId: clusterIdField.optional(),
    severity: severitySchema.optional().describe('Only alerts of this severity'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().regex(/^alr_[0-9A-Za-z]{1,40}$/, 'not an alert id').optional().describe('`nextBefore` of the previous page'),
  })
  .strict();

const route = createRoute({
  method: 'get',
  path: `${V1}/alerts`,
  tags: ['alerts'],
  summary: 'Alerts, newest first: state, severity, since, cluster and node, cause',
  ...authenticated,
  request: { query },
  responses: { 200: json(z.object({ alerts: z.array(alertSchema), nextBefore: z.string().nullable() }), 'A page of alerts'), ...errors(400, 401) },
});

export function registerListAlerts(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const rows = await listAlerts(c.get('deps').db, scopeOf(c.get('principal')), { filter: q.state, clusterId: q.clusterId, severity: q.severity, limit: q.limit, before: q.before });
    const alerts = rows.map(alertView);
    return c.json({ alerts, nextBefore: alerts.length === q.limit ? (alerts.at(-1)?.id ?? null) : null }, 200);
  });
}
