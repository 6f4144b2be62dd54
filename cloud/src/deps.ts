import type { Database } from './db/client';
import type { EdgeProxy } from './http/client-ip';
import type { AgentChannel } from './ports/agent-channel';
import type { Clock } from './ports/clock';
import type { HttpSender } from './ports/http-sender';
import type { Logger } from './ports/logger';
import type { Mailer } from './ports/mailer';
import type { QueuePort } from './ports/queue';
import type { SecretBox } from './ports/secret-box';
import type { Signer } from './ports/signer';

/**
 * Everything the pure core needs from the outside world. Route handlers, gateway handlers, queue
 * consumers and scheduled jobs are functions of their input and these ports; the local host and
 * the AWS host each build one `Deps` and nothing else differs.
 */
export interface Deps {
  db: Database;
  clock: Clock;
  queue: QueuePort;
  agentChannel: AgentChannel;
  signer: Signer;
  log: Logger;
  config: AppConfig;
  /** Email notifications (SMTP; SES's SMTP endpoint on AWS). */
  mailer: Mailer;
  /** Slack and webhook notifications, with SSRF protection. */
  httpSender: HttpSender;
  /** Seals the secrets the control plane reads back (channel URLs): AES-GCM locally, KMS on AWS. */
  secretBox: SecretBox;
  /** A CDN whose stamped viewer address is trusted for per-IP limits (AWS: CloudFront). */
  edgeProxy?: EdgeProxy;
  /**
   * Work started after a response or a commit that must still finish (handing a notification to
   * its queue). The local host lets it run; a Lambda would freeze it when the invocation returns,
   * so the AWS host collects it and awaits it before returning. Absent: nothing to wait for.
   */
  defer?: (work: Promise<unknown>) => void;
}

export interface AppConfig {
  /** Where the portal and API are reached, e.g. `https://app.quorum.example` (links, cookies). */
  publicUrl: string;
  /** The agents' WebSocket URL handed out at enrollment. */
  agentWebsocketUrl: string;
  /** Send cookies with `Secure` (true everywhere but plain-http local development). */
  secureCookies: boolean;
  /** A node whose agent has not been heard from for this long is unknown. */
  agentOfflineAfterMs: number;
  /** Metric samples older than this are deleted by the retention job. */
  metricRetentionMs: number;
  /** Finished operations, resolved alerts and sent notifications older than this are deleted (default 180 days). */
  historyRetentionMs?: number;
  /** Audit entries older than this are deleted (default 400 days). */
  auditRetentionMs?: number;
}
