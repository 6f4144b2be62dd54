import type { SecretBox } from '../../ports/secret-box';
import { maskSecret, maskUrl } from './mask';

/** What a Slack or webhook channel keeps secret. */
export interface ChannelSecrets {
  url?: string;
  signingSecret?: string;
}

/**
 * The `secrets` column: the secrets sealed by the {@link SecretBox}, and their masked forms (what
 * the API shows, so listing channels opens nothing). Rows written before sealing existed hold
 * `url`/`signingSecret` in plain text; they are still read, and sealed when next changed.
 */
export interface StoredChannelSecrets {
  sealed?: string;
  masked?: ChannelSecrets;
  url?: string;
  signingSecret?: string;
}

/** Which channel a sealed value belongs to: it opens there and nowhere else. */
export function channelSecretContext(channel: { orgId: string; id: string }) {
  return { purpose: 'notification-channel', orgId: channel.orgId, channelId: channel.id };
}

export async function sealChannelSecrets(box: SecretBox, channel: { orgId: string; id: string }, secrets: ChannelSecrets): Promise<StoredChannelSecrets> {
  const plain: ChannelSecrets = {
    ...(secrets.url ? { url: secrets.url } : {}),
    ...(secrets.signingSecret ? { signingSecret: secrets.signingSecret } : {}),
  };
  if (!plain.url && !plain.signingSecret) return {};
  return {
    sealed: await box.seal(JSON.stringify(plain), channelSecretContext(channel)),
    masked: {
      ...(plain.url ? { url: maskUrl(plain.url) } : {}),
      ...(plain.signingSecret ? { signingSecret: maskSecret(plain.signingSecret) } : {}),
    },
  };
}

export async function openChannelSecrets(box: SecretBox, channel: { orgId: string; id: string }, stored: StoredChannelSecrets): Promise<ChannelSecrets> {
  if (stored.sealed === undefined) {
    return { ...(stored.url ? { url: stored.url } : {}), ...(stored.signingSecret ? { signingSecret: stored.signingSecret } : {}) };
  }
  const value = JSON.parse(await box.open(stored.sealed, channelSecretContext(channel))) as ChannelSecrets;
  return { ...(value.url ? { url: value.url } : {}), ...(value.signingSecret ? { signingSecret: value.signingSecret } : {}) };
}

/** What the API may show: the masked forms, never the secrets. */
export function maskedChannelSecrets(stored: StoredChannelSecrets): ChannelSecrets {
  if (stored.sealed !== undefined) return stored.masked ?? {};
  return {
    ...(stored.url ? { url: maskUrl(stored.url) } : {}),
    ...(stored.signingSecret ? { signingSecret: maskSecret(stored.signingSecret) } : {}),
  };
}
