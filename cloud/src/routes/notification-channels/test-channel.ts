import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { testDocument } from '../../core/notify/document';
import { insertNotifications } from '../../db/alert-store/outbox.store';
import { findChannel } from '../../db/repos/notification-channels.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { deliverNotification, LEASE_MS } from '../../jobs/notify.job';

const resultSchema = z
  .object({
    deliveryId: z.string(),
    delivered: z.boolean(),
    statusCode: z.number().int().nullable().describe('HTTP status, or the SMTP reply code of a failure'),
    error: z.string().nullable(),
  })
  .openapi('TestSendResult');

const route = createRoute({
  method: 'post',
  path: `${V1}/notification-channels/{id}/test`,
  tags: ['alerts'],
  summary: 'Send a test notification to the channel now (admin), even if it is disabled; one attempt, logged as a delivery',
  ...authenticated,
  request: { params: idParam, body: jsonBody(z.object({}).strict()) },
  responses: { 200: json(resultSchema, 'What happened (a failure to deliver is still a 200: read `delivered`)'), ...errors(400, 401, 403, 404, 415) },
});

export function registerTestChannel(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { id } = c.req.valid('param');
    const channel = await findChannel(deps.db, scope, id);
    if (!channel) throw notFound('notification channel');
    const now = deps.clock.now();
    const deliveryId = newId('dlv', now);
    await insertNotifications(
      deps.db,
      scope,
      // Stored claimed by this request: the outbox sweep (every second on the local host) must not
      // hand it to the notify queue in between, or this answer would say "not attempted".
      [{ id: deliveryId, channelId: id, clusterId: null, kind: 'test', status: 'test', severity: 'info', payload: testDocument(now), alertIds: [], claimedUntil: now + LEASE_MS }],
      now,
    );
    const attempt = await deliverNotification(deps, { orgId: scope.orgId, notificationId: deliveryId }, { claimedByCaller: true });
    const outcome = attempt?.outcome;
    return c.json(
      {
        deliveryId,
        delivered: outcome?.kind === 'delivered',
        statusCode: outcome?.statusCode ?? null,
        error: outcome && outcome.kind !== 'delivered' ? outcome.error : attempt ? null : 'the delivery could not be attempted',
      },
      200,
    );
  });
}
