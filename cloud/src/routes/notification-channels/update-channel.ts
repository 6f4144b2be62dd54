import { randomBytes } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { findChannel, updateChannel, type ChannelRow } from '../../db/repos/notification-channels.repo';
import { openChannelSecrets, sealChannelSecrets } from '../../core/notify/channel-secrets';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, jsonBody, V1 } from '../../http/openapi';
import { severitySchema } from '../alerts/alert.schemas';
import { channelSchema, channelView, emailList, targetUrl } from './channel.schemas';
import { validateTargetOrThrow } from './validate-target';

const body = z
  .object({
    name: z.string().trim().min(1).max(128).optional(),
    enabled: z.boolean().optional(),
    minSeverity: severitySchema.optional(),
    to: emailList.optional().describe('email channels'),
    url: targetUrl.optional().describe('slack and webhook channels'),
    rotateSigningSecret: z.literal(true).optional().describe('webhook channels: a new secret, returned in this response only'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change', path: ['name'] });

const route = createRoute({
  method: 'patch',
  path: `${V1}/notification-channels/{id}`,
  tags: ['alerts'],
  summary: 'Change a notification channel (admin)',
  ...authenticated,
  request: { params: idParam, body: jsonBody(body) },
  responses: { 200: json(channelSchema.extend({ signingSecret: z.string().optional() }), 'The channel'), ...errors(400, 401, 403, 404, 415) },
});

export function registerUpdateChannel(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = await findChannel(deps.db, scope, id);
    if (!row) throw notFound('notification channel');
    const wrong = (field: string, types: string) => new AppError('validation_failed', `invalid body: ${field}: only for ${types} channels (this one is ${row.type})`);
    if (input.to && row.type !== 'email') throw wrong('to', 'email');
    if (input.url && row.type === 'email') throw wrong('url', 'slack and webhook');
    if (input.rotateSigningSecret && row.type !== 'webhook') throw wrong('rotateSigningSecret', 'webhook');
    if (input.url) await validateTargetOrThrow(deps, input.url);
    const signingSecret = input.rotateSigningSecret ? `whsec_${randomBytes(32).toString('base64url')}` : undefined;
    const set: Partial<ChannelRow> = { updatedAt: new Date(deps.clock.now()) };
    if (input.name !== undefined) set.name = input.name;
    if (input.enabled !== undefined) set.enabled = input.enabled;
    if (input.minSeverity !== undefined) set.minSeverity = input.minSeverity;
    if (input.to) set.config = { ...row.config, to: input.to };
    if (input.url || signingSecret) {
      // The other secret is kept as it was; a channel whose old secrets no longer open (its key
      // lost) can still be repaired by giving it everything again.
      const before = await openChannelSecrets(deps.secretBox, row, row.secrets).catch(() => ({}));
      set.secrets = await sealChannelSecrets(deps.secretBox, row, { ...before, ...(input.url ? { url: input.url } : {}), ...(signingSecret ? { signingSecret } : {}) });
    }
    await updateChannel(deps.db, scope, id, set);
    deps.log.info('notification channel changed', { orgId: scope.orgId, channelId: id, fields: Object.keys(input) });
    const view = channelView((await findChannel(deps.db, scope, id))!);
    return c.json(signingSecret ? { ...view, signingSecret } : view, 200);
  });
}
