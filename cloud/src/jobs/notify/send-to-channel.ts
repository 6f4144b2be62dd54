import { TargetRejectedError } from '../../core/notify/address-policy';
import { openChannelSecrets } from '../../core/notify/channel-secrets';
import type { NotificationDocument } from '../../core/notify/document';
import { renderEmail } from '../../core/notify/render-email';
import { renderSlack } from '../../core/notify/render-slack';
import { renderWebhook, webhookHeaders } from '../../core/notify/render-webhook';
import { httpOutcome, parseRetryAfter, type AttemptOutcome } from '../../core/notify/retry';
import type { ChannelRow } from '../../db/alert-store/outbox.store';
import type { Deps } from '../../deps';
import { HttpSendError } from '../../ports/http-sender';
import { MailError } from '../../ports/mailer';

type SendDeps = Pick<Deps, 'config' | 'clock' | 'mailer' | 'httpSender' | 'secretBox'>;

/**
 * One delivery attempt of a notification to a channel, rendered for its kind. Never throws: every
 * result — delivered, worth retrying, or not — is an outcome for the delivery log. Secrets (the
 * Slack URL, the signing secret) go to the wire and nowhere else.
 */
export async function sendToChannel(deps: SendDeps, channel: ChannelRow, doc: NotificationDocument, deliveryId: string): Promise<AttemptOutcome> {
  const publicUrl = deps.config.publicUrl;
  try {
    switch (channel.type) {
      case 'email': {
        const to = channel.config.to ?? [];
        if (to.length === 0) return { kind: 'permanent', error: 'the channel has no recipients' };
        const mail = renderEmail(doc, { publicUrl, deliveryId, channelName: channel.name });
        await deps.mailer.send({
          to,
          ...mail,
          messageId: `<${deliveryId}@${messageIdHost(publicUrl)}>`,
          headers: { 'X-Quorum-Delivery-Id': deliveryId },
        });
        return { kind: 'delivered' };
      }
      case 'slack':
      case 'webhook': {
        const secrets = await openChannelSecrets(deps.secretBox, channel, channel.secrets).catch((error: unknown) => {
          throw new SecretsUnreadableError(error instanceof Error ? error.message : String(error));
        });
        const url = secrets.url;
        if (!url) return { kind: 'permanent', error: 'the channel has no URL' };
        const now = deps.clock.now();
        const body = channel.type === 'slack' ? JSON.stringify(renderSlack(doc, { publicUrl, deliveryId })) : renderWebhook(doc, { publicUrl, deliveryId });
        const headers: Record<string, string> = { 'content-type': 'application/json', 'quorum-delivery-id': deliveryId };
        if (channel.type === 'webhook') Object.assign(headers, webhookHeaders({ secret: secrets.signingSecret ?? '', deliveryId, timestamp: now, body }));
        const answer = await deps.httpSender.post(url, { body, headers });
        const retryAfterMs = parseRetryAfter(answer.retryAfter, now);
        return httpOutcome(answer.status, { body: answer.bodySnippet, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      }
    }
  } catch (error) {
    if (error instanceof MailError) {
      const base = { error: error.message, ...(error.responseCode !== undefined ? { statusCode: error.responseCode } : {}) };
      return error.transient ? { kind: 'retryable', ...base } : { kind: 'permanent', ...base };
    }
    if (error instanceof SecretsUnreadableError) return { kind: 'permanent', error: `the channel's URL cannot be read (${error.message}): set it again` };
    if (error instanceof TargetRejectedError) return { kind: 'permanent', error: `target refused: ${error.message}` };
    if (error instanceof HttpSendError) return { kind: 'retryable', error: error.message };
    return { kind: 'retryable', error: error instanceof Error ? error.message : String(error) };
  }
}

/** The sealed secrets did not open: retrying will not help; an admin must set the URL again. */
class SecretsUnreadableError extends Error {}

function messageIdHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'quorum.local';
  } catch {
    return 'quorum.local';
  }
}
