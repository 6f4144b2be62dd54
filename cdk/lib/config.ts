/**
 * Everything a Quorum deployment can be told, as plain props: `bin/app.ts` fills them from the
 * environment (the only place it is read) and tests build them by hand.
 */
export interface QuorumDeploymentProps {
  /** Prefix of stack and resource names, e.g. `quorum` or `quorum-staging`. */
  name: string;
  /** Account and region; unset: an environment-agnostic synth (no look-ups, two AZs). */
  env?: { account: string; region: string };
  /** The portal/API domain (`quorum.example.com`) and its ACM certificate in us-east-1 (CloudFront). */
  domain?: { name: string; certificateArn: string };
  database: {
    /** Aurora Serverless v2 capacity in ACUs; 0 lets an idle database pause (Aurora MySQL ≥ 3.08). */
    minCapacity: number;
    maxCapacity: number;
    /** NAT gateways for the Lambdas' egress to AWS APIs (0 is possible only with VPC endpoints). */
    natGateways: number;
    /** Days of automated backups. */
    backupRetentionDays: number;
  };
  /** Email: the SES identity and the sender address of alerts (unset: no email stack). */
  email?: { domain: string; fromAddress: string };
  /** Where CloudWatch alarms are sent (an SNS email subscription); unset: the topic only. */
  alarmEmail?: string;
  /** Lambda concurrency reserved per function where it protects the database (unset: none). */
  concurrency: {
    /** Queue consumers at once per queue (SQS event source `maxConcurrency`, at least 2). */
    queueConsumers: number;
    /** Reserved concurrency of the WebSocket function: caps its share of proxy connections. */
    websocket?: number;
  };
  /** WebSocket API stage throttling (messages per second across all agents, and burst). */
  websocketThrottle: { rateLimit: number; burstLimit: number };
  agentOfflineAfterMs: number;
  metricRetentionDays: number;
  /** Finished operations, resolved alerts and sent notifications are kept this long. */
  historyRetentionDays: number;
  /** The audit log is kept this long. */
  auditRetentionDays: number;
  /** The built portal (web/build) to upload; unset: the bucket is left for a separate upload. */
  portalAssetsPath?: string;
  /** A directory holding the agent's package (agent/dist); published at /downloads/ for the Agents page. */
  agentPackagesPath?: string;
}

export const DEFAULT_PROPS: QuorumDeploymentProps = {
  name: 'quorum',
  database: { minCapacity: 0.5, maxCapacity: 4, natGateways: 1, backupRetentionDays: 7 },
  concurrency: { queueConsumers: 5 },
  websocketThrottle: { rateLimit: 500, burstLimit: 1000 },
  agentOfflineAfterMs: 90_000,
  metricRetentionDays: 30,
  historyRetentionDays: 180,
  auditRetentionDays: 400,
};

/** The queues of the control plane; a new queue name (notify, reports…) is one more entry. */
export const QUEUES = ['ingest', 'notify'] as const;
export type QueueName = (typeof QUEUES)[number];
