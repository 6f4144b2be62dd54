import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { RULE_CODES } from '../../core/alerts/index';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { findCluster, listNodesWithStatus } from '../../db/repos/clusters.repo';
import { findSilence, insertSilence } from '../../db/repos/silences.repo';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, millis, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { actorOf, clusterIdField, silenceSchema, silenceView } from '../alerts/alert.schemas';
import { MAX_SILENCE_MINUTES } from '../alerts/silence-alert';

const MINUTE = 60_000;

const body = z
  .object({
    kind: z.enum(['silence', 'maintenance']).default('silence').describe('`maintenance`: a known backup or work window — a Donor/desynced node in it is not an incident'),
    clusterId: clusterIdField.optional(),
    nodeId: z.string().regex(/^nod_[0-9A-Za-z]{1,40}$/, 'not a node id').optional(),
    rule: z.enum(RULE_CODES).optional(),
    startsAt: millis.optional().describe('Default: now'),
    durationMinutes: z.number().int().min(1).max(MAX_SILENCE_MINUTES).describe('At most 30 days'),
    reason: z.string().trim().min(1).max(512),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.clusterId && !b.rule) ctx.addIssue({ code: 'custom', path: ['clusterId'], message: 'name a cluster or a rule (a silence of everything is not allowed)' });
    if (b.nodeId && !b.clusterId) ctx.addIssue({ code: 'custom', path: ['clusterId'], message: 'required with nodeId' });
    if (b.kind === 'maintenance' && !b.clusterId) ctx.addIssue({ code: 'custom', path: ['clusterId'], message: 'a maintenance window is for a cluster (and optionally one node)' });
  });

const route = createRoute({
  method: 'post',
  path: `${V1}/silences`,
  tags: ['alerts'],
  summary: 'Create a silence or a maintenance window (operator)',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: { 201: json(silenceSchema, 'The silence'), ...errors(400, 401, 403, 404, 415) },
});

export function registerCreateSilence(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'operator');
    const scope = scopeOf(principal);
    const input = c.req.valid('json');
    const now = deps.clock.now();
    if (input.clusterId) {
      if (!(await findCluster(deps.db, scope, input.clusterId))) throw notFound('cluster');
      if (input.nodeId && !(await listNodesWithStatus(deps.db, scope, [input.clusterId])).some((n) => n.id === input.nodeId)) throw notFound('node');
    }
    const startsAt = input.startsAt ?? now;
    if (startsAt < now - MINUTE || startsAt > now + MAX_SILENCE_MINUTES * MINUTE) {
      throw new AppError('validation_failed', 'invalid body: startsAt: must be between now and 30 days from now');
    }
    const id = newId('sil', now);
    await insertSilence(deps.db, scope, {
      id,
      kind: input.kind,
      clusterId: input.clusterId ?? null,
      nodeId: input.nodeId ?? null,
      rule: input.rule ?? null,
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + input.durationMinutes * MINUTE),
      reason: input.reason,
      createdBy: actorOf(principal),
      createdAt: new Date(now),
    });
    await requestEvaluation(deps.db, scope, now, input.clusterId ? [input.clusterId] : undefined);
    deps.log.info('silence created', { orgId: scope.orgId, silenceId: id, kind: input.kind });
    return c.json(silenceView((await findSilence(deps.db, scope, id))!, now), 201);
  });
}
