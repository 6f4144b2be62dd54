import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { NotificationPolicy } from '../../core/alerts/index';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { loadPolicy, requestEvaluation } from '../../db/alert-store/evaluation.store';
import { upsertPolicy } from '../../db/repos/alert-rules.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';

const policySchema = z
  .object({
    groupWaitSeconds: z.number().describe('A cluster’s first notification waits this long for more alerts (default 0: page at once)'),
    groupIntervalSeconds: z.number().describe('At most one notification per cluster per interval — unless the severity rises (default 60)'),
    repeatIntervalSeconds: z.number().describe('Firing, unacknowledged alerts are notified again after this long (default 4 h)'),
  })
  .openapi('NotificationPolicy');

const view = (p: NotificationPolicy) => ({
  groupWaitSeconds: p.groupWaitMs / 1000,
  groupIntervalSeconds: p.groupIntervalMs / 1000,
  repeatIntervalSeconds: p.repeatIntervalMs / 1000,
});

const getRoute = createRoute({
  method: 'get',
  path: `${V1}/notification-policy`,
  tags: ['alerts'],
  summary: 'How alerts are grouped into notifications (per cluster)',
  ...authenticated,
  responses: { 200: json(policySchema, 'The policy'), ...errors(401) },
});

const body = z
  .object({
    groupWaitSeconds: z.number().int().min(0).max(600).optional(),
    groupIntervalSeconds: z.number().int().min(1).max(24 * 3600).optional(),
    repeatIntervalSeconds: z.number().int().min(60).max(7 * 24 * 3600).optional(),
  })
  .strict();

const putRoute = createRoute({
  method: 'put',
  path: `${V1}/notification-policy`,
  tags: ['alerts'],
  summary: 'Change how alerts are grouped into notifications (admin); fields not given keep their value',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: { 200: json(policySchema, 'The policy'), ...errors(400, 401, 403, 415) },
});

export function registerNotificationPolicy(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getRoute, async (c) => c.json(view(await loadPolicy(c.get('deps').db, scopeOf(c.get('principal')))), 200));
  app.openapi(putRoute, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const input = c.req.valid('json');
    const current = await loadPolicy(deps.db, scope);
    const next: NotificationPolicy = {
      groupWaitMs: input.groupWaitSeconds !== undefined ? input.groupWaitSeconds * 1000 : current.groupWaitMs,
      groupIntervalMs: input.groupIntervalSeconds !== undefined ? input.groupIntervalSeconds * 1000 : current.groupIntervalMs,
      repeatIntervalMs: input.repeatIntervalSeconds !== undefined ? input.repeatIntervalSeconds * 1000 : current.repeatIntervalMs,
    };
    const now = deps.clock.now();
    await upsertPolicy(deps.db, scope, { ...next, now });
    await requestEvaluation(deps.db, scope, now);
    return c.json(view(next), 200);
  });
}

