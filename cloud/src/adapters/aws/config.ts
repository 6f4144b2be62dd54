import { z } from 'zod';
import { poolOptionsFromUrl } from '../../db/client';
import type { AppConfig } from '../../deps';
import type { QueueName } from '../../ports/queue';

/**
 * The AWS host's settings, read from the Lambda environment once per container (at module scope)
 * and validated here: a missing or bad variable fails the cold start with its name and what was
 * expected. The CDK api stack sets every variable; nothing else reads `process.env`.
 */
export interface AwsConfig {
  app: AppConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  database: DatabaseConfig;
  /** SQS queue URL of each queue name (`QUEUE_URL_INGEST` → `ingest`, later `QUEUE_URL_NOTIFY`…). */
  queueUrls: Partial<Record<QueueName, string>>;
  /** `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`: where `PostToConnection` goes. */
  websocketManagementEndpoint: string;
  /** KMS key ids or ARNs that sign commands: the active one first, then keys agents still trust. */
  signingKeyIds: string[];
  /** The symmetric KMS key that seals channel secrets (`QUORUM_SECRETS_KMS_KEY_ID`). */
  secretsKeyId: string;
  /** The secret CloudFront sends with every API request (`QUORUM_ORIGIN_SECRET_ARN`); unset: no CDN is trusted. */
  originSecretArn: string | undefined;
  /** A claim on a queue message older than this belongs to a crashed attempt (≥ the consumer's timeout). */
  inboxLeaseMs: number;
  /** SES's SMTP interface, for the mailer (unset: email is not configured). */
  smtp: SmtpConfig | undefined;
}

export type DatabaseConfig =
  /** A plain URL with a password: tests and development against a reachable MySQL/MariaDB. */
  | { kind: 'url'; url: string; connectionLimit: number }
  /** RDS Proxy with IAM authentication: no password anywhere, a token signed per new connection. */
  | { kind: 'iam'; host: string; port: number; database: string; user: string; region: string; connectionLimit: number };

export interface SmtpConfig {
  host: string;
  port: number;
  from: string;
  /** Secrets Manager secret holding `{"username": …, "password": …}` (never the values themselves). */
  credentialsSecretArn: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const wholeNumber = (example: string, min: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number, e.g. ${example}`)
    .transform(Number)
    .refine((n) => n >= min, `expected at least ${min}`);

const envSchema = z.object({
  QUORUM_PUBLIC_URL: z.preprocess(blank, z.url({ protocol: /^https?$/, error: 'expected an https:// URL, e.g. https://quorum.example.com' })),
  QUORUM_AGENT_WEBSOCKET_URL: z.preprocess(blank, z.url({ protocol: /^wss?$/, error: 'expected a wss:// URL (the WebSocket API stage URL)' })),
  WEBSOCKET_MANAGEMENT_ENDPOINT: z.preprocess(blank, z.url({ protocol: /^https?$/, error: 'expected https://{api-id}.execute-api.{region}.amazonaws.com/{stage}' })),
  KMS_SIGNING_KEY_IDS: z.preprocess(
    blank,
    z
      .string({ error: 'expected comma-separated KMS key ids or ARNs, the active key first' })
      .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
      .refine((keys) => keys.length > 0, 'expected at least one KMS key id'),
  ),
  QUORUM_SECRETS_KMS_KEY_ID: z.preprocess(blank, z.string({ error: 'expected the id or ARN of the symmetric KMS key that seals channel secrets' }).min(1)),
  DATABASE_URL: optional(
    z.string().superRefine((url, ctx) => {
      try {
        poolOptionsFromUrl(url);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^DATABASE_URL /, '') });
      }
    }),
  ),
  DATABASE_HOST: optional(z.string().min(1)),
  DATABASE_PORT: z.preprocess(blank, wholeNumber('3306', 1).default(3306)),
  DATABASE_NAME: optional(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a database name')),
  DATABASE_USER: optional(z.string().min(1)),
  DATABASE_CONNECTION_LIMIT: z.preprocess(blank, wholeNumber('2', 1).default(2)),
  AWS_REGION: optional(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region, e.g. eu-west-1')),
  LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' ? blank(v.toLowerCase()) : v), z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  QUORUM_AGENT_OFFLINE_AFTER_MS: z.preprocess(blank, wholeNumber('90000', 5_000).default(90_000)),
  QUORUM_METRIC_RETENTION_DAYS: z.preprocess(blank, wholeNumber('30', 1).default(30)),
  QUORUM_HISTORY_RETENTION_DAYS: z.preprocess(blank, wholeNumber('180', 1).default(180)),
  QUORUM_AUDIT_RETENTION_DAYS: z.preprocess(blank, wholeNumber('400', 1).default(400)),
  INBOX_LEASE_SECONDS: z.preprocess(blank, wholeNumber('300', 1).default(300)),
  SMTP_HOST: optional(z.string().min(1)),
  SMTP_PORT: z.preprocess(blank, wholeNumber('587', 1).default(587)),
  SMTP_FROM: optional(z.email({ error: 'expected an email address, e.g. alerts@quorum.example.com' })),
  SMTP_CREDENTIALS_SECRET_ARN: optional(z.string().startsWith('arn:', 'expected a Secrets Manager secret ARN')),
  QUORUM_ORIGIN_SECRET_ARN: optional(z.string().startsWith('arn:', 'expected a Secrets Manager secret ARN')),
});

export class AwsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Lambda environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'AwsConfigError';
  }
}

/** Variables whose values must never be echoed in an error (they may hold credentials). */
const SECRET_LOOKING = /URL|SECRET|PASSWORD/;

/**
 * Reads the AWS host's configuration; throws an {@link AwsConfigError} naming every bad variable.
 *
 * @example
 * parseAwsConfig(process.env).queueUrls.ingest // 'https://sqs.eu-west-1.amazonaws.com/…/quorum-ingest'
 */
export function parseAwsConfig(env: Record<string, string | undefined>): AwsConfig {
  const problems: string[] = [];
  const result = envSchema.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '(environment)');
      const got = env[name];
      const shown = got !== undefined && got.trim() !== '' && !SECRET_LOOKING.test(name) ? ` (got "${got.slice(0, 80)}")` : '';
      problems.push(`${name}: ${got === undefined || got.trim() === '' ? 'is required' : issue.message}${shown}`);
    }
  }
  const queueUrls = parseQueueUrls(env, problems);
  if (!result.success || problems.length > 0) throw new AwsConfigError(problems);
  const e = result.data;
  const database = databaseConfig(e, problems);
  const smtp = smtpConfig(e, problems);
  if (problems.length > 0 || !database) throw new AwsConfigError(problems);
  const publicUrl = e.QUORUM_PUBLIC_URL.replace(/\/+$/, '');
  return {
    app: {
      publicUrl,
      agentWebsocketUrl: e.QUORUM_AGENT_WEBSOCKET_URL,
      secureCookies: publicUrl.startsWith('https:'),
      agentOfflineAfterMs: e.QUORUM_AGENT_OFFLINE_AFTER_MS,
      metricRetentionMs: e.QUORUM_METRIC_RETENTION_DAYS * DAY_MS,
      historyRetentionMs: e.QUORUM_HISTORY_RETENTION_DAYS * DAY_MS,
      auditRetentionMs: e.QUORUM_AUDIT_RETENTION_DAYS * DAY_MS,
    },
    logLevel: e.LOG_LEVEL,
    database,
    queueUrls,
    websocketManagementEndpoint: e.WEBSOCKET_MANAGEMENT_ENDPOINT.replace(/\/+$/, ''),
    signingKeyIds: e.KMS_SIGNING_KEY_IDS,
    secretsKeyId: e.QUORUM_SECRETS_KMS_KEY_ID,
    originSecretArn: e.QUORUM_ORIGIN_SECRET_ARN,
    inboxLeaseMs: e.INBOX_LEASE_SECONDS * 1000,
    smtp,
  };
}

type Env = z.infer<typeof envSchema>;

function databaseConfig(e: Env, problems: string[]): DatabaseConfig | undefined {
  if (e.DATABASE_URL) return { kind: 'url', url: e.DATABASE_URL, connectionLimit: e.DATABASE_CONNECTION_LIMIT };
  const missing = (['DATABASE_HOST', 'DATABASE_NAME', 'DATABASE_USER', 'AWS_REGION'] as const).filter((k) => !e[k]);
  if (missing.length > 0) {
    for (const name of missing) problems.push(`${name}: is required (RDS Proxy with IAM auth), unless DATABASE_URL is set`);
    return undefined;
  }
  return {
    kind: 'iam',
    host: e.DATABASE_HOST as string,
    port: e.DATABASE_PORT,
    database: e.DATABASE_NAME as string,
    user: e.DATABASE_USER as string,
    region: e.AWS_REGION as string,
    connectionLimit: e.DATABASE_CONNECTION_LIMIT,
  };
}

function smtpConfig(e: Env, problems: string[]): SmtpConfig | undefined {
  const given = { SMTP_HOST: e.SMTP_HOST, SMTP_FROM: e.SMTP_FROM, SMTP_CREDENTIALS_SECRET_ARN: e.SMTP_CREDENTIALS_SECRET_ARN };
  const set = Object.entries(given).filter(([, v]) => v !== undefined);
  if (set.length === 0) return undefined;
  if (set.length < 3) {
    for (const [name, v] of Object.entries(given)) if (v === undefined) problems.push(`${name}: is required when any SMTP_ variable is set`);
    return undefined;
  }
  return { host: given.SMTP_HOST as string, port: e.SMTP_PORT, from: given.SMTP_FROM as string, credentialsSecretArn: given.SMTP_CREDENTIALS_SECRET_ARN as string };
}

/** `QUEUE_URL_<NAME>` for every queue: a new queue (and its consumer) needs no change here. */
function parseQueueUrls(env: Record<string, string | undefined>, problems: string[]): Partial<Record<QueueName, string>> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^QUEUE_URL_([A-Z][A-Z0-9_]*)$/.exec(name);
    if (!match || value === undefined || value.trim() === '') continue;
    if (!/^https?:\/\/\S+$/.test(value)) {
      problems.push(`${name}: expected an SQS queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/quorum-ingest`);
      continue;
    }
    urls[(match[1] as string).toLowerCase()] = value;
  }
  return urls as Partial<Record<QueueName, string>>;
}
