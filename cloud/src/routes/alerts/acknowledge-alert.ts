import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { acknowledgeAlert, findAlert } from '../../db/repos/alerts.repo';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { actorOf, alertSchema, alertView } from './alert.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/alerts/{id}/ack`,
  tags: ['alerts'],
  summary: 'Acknowledge a firing alert (operator): someone is on it; it is no longer repeated. Idempotent.',
  ...authenticated,
  request: { params: idParam, body: jsonBody(z.object({}).strict()) },
  responses: { 200: json(alertSchema, 'The acknowledged alert'), ...errors(400, 401, 403, 404, 409, 415) },
});

export function registerAcknowledgeAlert(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'operator');
    const scope = scopeOf(principal);
    const id = c.req.valid('param').id;
    const row = await findAlert(deps.db, scope, id);
    if (!row) throw notFound('alert');
    const now = deps.clock.now();
    if (!(await acknowledgeAlert(deps.db, scope, { id, by: actorOf(principal), now }))) {
      throw new AppError('conflict', `only a firing alert can be acknowledged (this one is ${row.alert.state})`);
    }
    await requestEvaluation(deps.db, scope, now, [row.alert.clusterId]);
    deps.log.info('alert acknowledged', { orgId: scope.orgId, alertId: id, by: actorOf(principal) });
    const updated = await findAlert(deps.db, scope, id);
    return c.json(alertView(updated ?? row), 200);
  });
}
