import { randomBytes } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { findChannel, insertChannel } from '../../db/repos/notification-channels.repo';
import { sealChannelSecrets } from '../../core/notify/channel-secrets';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { severitySchema } from '../alerts/alert.schemas';
import { channelSchema, channelView, emailList, targetUrl } from './channel.schemas';
import { validateTargetOrThrow } from './validate-target';

const common = {
  name: z.string().trim().min(1).max(128),
  enabled: z.boolean().default(true),
  minSeverity: severitySchema.default('warning'),
};

const body = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('email'), ...common, to: emailList }).strict(),
    z.object({ type: z.literal('slack'), ...common, url: targetUrl.describe('The Slack incoming-webhook URL (a secret)') }).strict(),
    z.object({ type: z.literal('webhook'), ...common, url: targetUrl }).strict(),
  ])
  .openapi('NewNotificationChannel');

const route = createRoute({
  method: 'post',
  path: `${V1}/notification-channels`,
  tags: ['alerts'],
  summary: 'Add an email, Slack or webhook channel (admin). A webhook’s signing secret is in this response only.',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: {
    201: json(channelSchema.extend({ signingSecret: z.string().optional().describe('webhook: `whsec_…`, shown once — store it now') }), 'The channel'),
    ...errors(400, 401, 403, 413, 415),
  },
});

export function registerCreateChannel(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const input = c.req.valid('json');
    if (input.type !== 'email') await validateTargetOrThrow(deps, input.url);
    const now = deps.clock.now();
    const id = newId('chn', now);
    const signingSecret = input.type === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : undefined;
    await insertChannel(deps.db, scope, {
      id,
      name: input.name,
      type: input.type,
      enabled: input.enabled,
      minSeverity: input.minSeverity,
      config: input.type === 'email' ? { to: input.to } : {},
      secrets: input.type === 'email' ? {} : await sealChannelSecrets(deps.secretBox, { orgId: scope.orgId, id }, { url: input.url, ...(signingSecret ? { signingSecret } : {}) }),
      createdAt: new Date(now),
      updatedAt: new Date(now),
    });
    deps.log.info('notification channel created', { orgId: scope.orgId, channelId: id, type: input.type });
    const view = channelView((await findChannel(deps.db, scope, id))!);
    return c.json(signingSecret ? { ...view, signingSecret } : view, 201);
  });
}
