import { z } from '@hono/zod-openapi';
import { maskedChannelSecrets } from '../../core/notify/channel-secrets';
import type { ChannelRow } from '../../db/repos/notification-channels.repo';
import { CHANNEL_TYPES } from '../../db/schema/alerts';
import { millis } from '../../http/openapi';
import { severitySchema } from '../alerts/alert.schemas';

export const channelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(CHANNEL_TYPES),
    enabled: z.boolean(),
    minSeverity: severitySchema.describe('Notifications below this severity are not sent here (default warning)'),
    to: z.array(z.string()).optional().describe('email: the recipients'),
    url: z.string().optional().describe('slack, webhook: MASKED — the URL is a credential and is never shown again'),
    signingSecret: z.string().optional().describe('webhook: MASKED (shown in full once, when created or rotated)'),
    createdAt: millis,
    updatedAt: millis,
  })
  .openapi('NotificationChannel');
export type ChannelView = z.infer<typeof channelSchema>;

/** A channel as the API shows it: secrets masked, always. */
export function channelView(r: ChannelRow): ChannelView {
  const masked = maskedChannelSecrets(r.secrets);
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    enabled: r.enabled,
    minSeverity: r.minSeverity,
    ...(r.type === 'email' ? { to: r.config.to ?? [] } : {}),
    ...(masked.url ? { url: masked.url } : {}),
    ...(masked.signingSecret ? { signingSecret: masked.signingSecret } : {}),
    createdAt: r.createdAt.getTime(),
    updatedAt: r.updatedAt.getTime(),
  };
}

export const emailList = z
  .array(z.email({ error: 'not an email address' }).max(254), { error: 'expected a list of email addresses' })
  .min(1, 'expected at least one recipient')
  .max(20, 'at most 20 recipients');

export const targetUrl = z.string().max(2048).describe('http(s); must resolve to a public address');
