import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { findAlert } from '../../db/repos/alerts.repo';
import { findSilence, insertSilence } from '../../db/repos/silences.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { actorOf, silenceSchema, silenceView } from './alert.schemas';

export const MAX_SILENCE_MINUTES = 30 * 24 * 60;

const body = z
  .object({
    durationMinutes: z.number().int().min(1).max(MAX_SILENCE_MINUTES).describe('At most 30 days'),
    reason: z.string().trim().min(1).max(512),
    matching: z
      .enum(['alert', 'node', 'cluster'])
      .default('alert')
      .describe('`alert` (default): this rule on this node; `node`: every alert of the node; `cluster`: every alert of the cluster'),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/alerts/{id}/silence`,
  tags: ['alerts'],
  summary: 'Silence an alert for a while, with a reason (operator): it stays visible but is not notified',
  ...authenticated,
  request: { params: idParam, body: jsonBody(body) },
  responses: { 201: json(silenceSchema, 'The silence'), ...errors(400, 401, 403, 404, 415) },
});

export function registerSilenceAlert(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'operator');
    const scope = scopeOf(principal);
    const input = c.req.valid('json');
    const row = await findAlert(deps.db, scope, c.req.valid('param').id);
    if (!row) throw notFound('alert');
    const { alert } = row;
    const now = deps.clock.now();
    const id = newId('sil', now);
    await insertSilence(deps.db, scope, {
      id,
      kind: 'silence',
      clusterId: alert.clusterId,
      nodeId: input.matching === 'cluster' ? null : alert.nodeId,
      rule: input.matching === 'alert' ? alert.rule : null,
      startsAt: new Date(now),
      endsAt: new Date(now + input.durationMinutes * 60_000),
      reason: input.reason,
      createdBy: actorOf(principal),
      createdAt: new Date(now),
    });
    await requestEvaluation(deps.db, scope, now, [alert.clusterId]);
    deps.log.info('silence created', { orgId: scope.orgId, silenceId: id, alertId: alert.id });
    return c.json(silenceView((await findSilence(deps.db, scope, id))!, now), 201);
  });
}
