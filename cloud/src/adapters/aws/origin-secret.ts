import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { EdgeProxy } from '../../http/client-ip';
import type { Logger } from '../../ports/logger';
import { errorSummary } from '../../jobs/error-summary';

/** The headers the web stack's CloudFront sets on every `/api/*` origin request (cdk web-stack). */
export const VIEWER_IP_HEADER = 'x-quorum-viewer-ip';
export const ORIGIN_SECRET_HEADER = 'x-quorum-origin-secret';

/** How long a fetched secret is used before it is read again (picks up a rotation). */
const REFRESH_MS = 15 * 60_000;
/** After a failed read, the next try (not on every request: Secrets Manager would be flooded). */
const RETRY_MS = 60_000;

/**
 * CloudFront as the HTTP API's trusted edge: the shared origin secret is read from Secrets Manager
 * during the cold start (`ready`, awaited by the HTTP handler before its first request) and again
 * every 15 minutes; the previous value stays accepted after a change, so a rotation never rejects
 * CloudFront's requests in flight. While no value could be read, nothing is trusted and per-IP
 * limits key on the edge's address, as without CloudFront.
 */
export function cloudFrontEdge(opts: { client: Pick<SecretsManagerClient, 'send'>; secretArn: string; log: Logger; now?: () => number }): EdgeProxy & { ready(): Promise<void> } {
  const now = opts.now ?? Date.now;
  let current: string | undefined;
  let previous: string | undefined;
  let fetchedAt = -Infinity;
  let inFlight: Promise<void> | undefined;
  const refresh = () =>
    (inFlight ??= (async () => {
      try {
        const out = await opts.client.send(new GetSecretValueCommand({ SecretId: opts.secretArn }));
        const value = out.SecretString?.trim();
        if (!value) throw new Error('the origin secret is empty');
        if (value !== current) [previous, current] = [current, value];
        fetchedAt = now();
      } catch (error) {
        fetchedAt = now() - REFRESH_MS + RETRY_MS;
        opts.log.error('could not read the CloudFront origin secret; viewer addresses are not trusted until it is read', { error: errorSummary(error) });
      } finally {
        inFlight = undefined;
      }
    })());
  return {
    viewerIpHeader: VIEWER_IP_HEADER,
    secretHeader: ORIGIN_SECRET_HEADER,
    secrets: () => [current, previous].filter((s): s is string => s !== undefined),
    async ready() {
      if (now() - fetchedAt >= REFRESH_MS) await refresh();
    },
  };
}
