import { App } from 'aws-cdk-lib';
import { DEFAULT_PROPS, type QuorumDeploymentProps } from '../lib/config';
import { readdirSync } from 'node:fs';
import { AGENT_PACKAGES, existingDir, PORTAL_BUILD } from '../lib/paths';
import { buildQuorum } from '../lib/quorum';

// The only place the environment is read. Every setting has a default except where a deployment
// must decide (a domain, an email sender); see the README's "Deploy to AWS".
const env = process.env;

function number(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a non-negative number (got "${raw}")`);
  return n;
}

function pair(a: string, b: string): [string, string] | undefined {
  const x = env[a];
  const y = env[b];
  if (!x && !y) return undefined;
  if (!x || !y) throw new Error(`${x ? b : a}: required together with ${x ? a : b}`);
  return [x, y];
}

const account = env.QUORUM_ACCOUNT ?? env.CDK_DEFAULT_ACCOUNT;
const region = env.QUORUM_REGION ?? env.CDK_DEFAULT_REGION;
const domain = pair('QUORUM_DOMAIN', 'QUORUM_CERTIFICATE_ARN');
const email = pair('QUORUM_EMAIL_DOMAIN', 'QUORUM_EMAIL_FROM');
const websocketReserved = env.QUORUM_WEBSOCKET_RESERVED_CONCURRENCY;

const props: QuorumDeploymentProps = {
  ...DEFAULT_PROPS,
  name: env.QUORUM_NAME ?? DEFAULT_PROPS.name,
  ...(account && region ? { env: { account, region } } : {}),
  ...(domain ? { domain: { name: domain[0], certificateArn: domain[1] } } : {}),
  ...(email ? { email: { domain: email[0], fromAddress: email[1] } } : {}),
  ...(env.QUORUM_ALARM_EMAIL ? { alarmEmail: env.QUORUM_ALARM_EMAIL } : {}),
  database: {
    minCapacity: number('QUORUM_DB_MIN_ACU', DEFAULT_PROPS.database.minCapacity),
    maxCapacity: number('QUORUM_DB_MAX_ACU', DEFAULT_PROPS.database.maxCapacity),
    natGateways: number('QUORUM_NAT_GATEWAYS', DEFAULT_PROPS.database.natGateways),
    backupRetentionDays: number('QUORUM_BACKUP_DAYS', DEFAULT_PROPS.database.backupRetentionDays),
  },
  concurrency: {
    queueConsumers: number('QUORUM_QUEUE_CONCURRENCY', DEFAULT_PROPS.concurrency.queueConsumers),
    ...(websocketReserved ? { websocket: number('QUORUM_WEBSOCKET_RESERVED_CONCURRENCY', 0) } : {}),
  },
  agentOfflineAfterMs: number('QUORUM_AGENT_OFFLINE_AFTER_MS', DEFAULT_PROPS.agentOfflineAfterMs),
  metricRetentionDays: number('QUORUM_METRIC_RETENTION_DAYS', DEFAULT_PROPS.metricRetentionDays),
  historyRetentionDays: number('QUORUM_HISTORY_RETENTION_DAYS', DEFAULT_PROPS.historyRetentionDays),
  auditRetentionDays: number('QUORUM_AUDIT_RETENTION_DAYS', DEFAULT_PROPS.auditRetentionDays),
  ...(existingDir(PORTAL_BUILD) ? { portalAssetsPath: PORTAL_BUILD } : {}),
  ...(existingDir(AGENT_PACKAGES) && readdirSync(AGENT_PACKAGES).some((f) => f.endsWith('_all.deb')) ? { agentPackagesPath: AGENT_PACKAGES } : {}),
};

const app = new App();
buildQuorum(app, props);
app.synth();
