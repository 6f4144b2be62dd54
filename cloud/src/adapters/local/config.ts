import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { poolOptionsFromUrl } from '../../db/client';
import { parseSmtpUrl } from '../notify/smtp-mailer';

/** The repository root (…/cloud/src/adapters/local → four levels up): home of `.quorum/`. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The local host's settings, from the environment, parsed once at start-up. */
export interface LocalConfig {
  port: number;
  host: string;
  /** Unset: a private MariaDB is started under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Unset: `http://localhost:<port>` once the port is known. */
  publicUrl: string | undefined;
  logLevel: LogLevel;
  agentOfflineAfterMs: number;
  metricRetentionMs: number;
  historyRetentionMs: number;
  auditRetentionMs: number;
  /** Email notifications; unset: email channels fail with "email is not configured". */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A whole number of days, at least 1 (a retention setting). */
const days = (fallback: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d+$/, `expected a whole number of days, e.g. ${fallback}`)
      .transform(Number)
      .refine((n) => n >= 1, 'expected at least 1 day')
      .default(Number(fallback)),
  );

const envSchema = z.object({
  PORT: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d{1,5}$/, 'expected a port number 0–65535')
      .transform(Number)
      .refine((n) => n <= 65535, 'expected a port number 0–65535')
      .default(8080),
  ),
  HOST: z.preprocess(blankAsUnset, z.string().min(1).default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .superRefine((url, ctx) => {
        try {
          poolOptionsFromUrl(url);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^DATABASE_URL /, '') });
        }
      })
      .optional(),
  ),
  QUORUM_DATA_DIR: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  QUORUM_PUBLIC_URL: z.preprocess(
    blankAsUnset,
    z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL, e.g. https://quorum.example.com' })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankAsUnset(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  QUORUM_AGENT_OFFLINE_AFTER_MS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d+$/, 'expected milliseconds, e.g. 90000')
      .transform(Number)
      .refine((n) => n >= 5_000, 'expected at least 5000 ms')
      .default(90_000),
  ),
  SMTP_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .superRefine((url, ctx) => {
        try {
          parseSmtpUrl(url);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      })
      .optional(),
  ),
  QUORUM_MAIL_FROM: z.preprocess(
    blankAsUnset,
    z
      .string()
      .max(254)
      .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'expected an address, e.g. alerts@example.com or "Quorum <alerts@example.com>"')
      .optional(),
  ),
  QUORUM_METRIC_RETENTION_DAYS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d+$/, 'expected a whole number of days, e.g. 30')
      .transform(Number)
      .refine((n) => n >= 1, 'expected at least 1 day')
      .default(30),
  ),
  QUORUM_HISTORY_RETENTION_DAYS: days('180'),
  QUORUM_AUDIT_RETENTION_DAYS: days('400'),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the local host's configuration from environment variables; throws a {@link ConfigError}
 * naming every bad variable and what was expected.
 *
 * @example
 * parseLocalConfig({ PORT: '9000' }).port // 9000
 */
export function parseLocalConfig(env: Record<string, string | undefined>): LocalConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? '(environment)');
        const got = env[name];
        return `${name}: ${i.message}${got !== undefined && !/URL/.test(name) ? ` (got "${got.slice(0, 80)}")` : ''}`;
      }),
    );
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.QUORUM_DATA_DIR ?? `${REPO_ROOT}.quorum`,
    publicUrl: e.QUORUM_PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    agentOfflineAfterMs: e.QUORUM_AGENT_OFFLINE_AFTER_MS,
    metricRetentionMs: e.QUORUM_METRIC_RETENTION_DAYS * DAY_MS,
    historyRetentionMs: e.QUORUM_HISTORY_RETENTION_DAYS * DAY_MS,
    auditRetentionMs: e.QUORUM_AUDIT_RETENTION_DAYS * DAY_MS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.QUORUM_MAIL_FROM,
  };
}

/** Where agents open their WebSocket, derived from the public URL (http → ws, https → wss). */
export function agentWebsocketUrlFor(publicUrl: string): string {
  const url = new URL('/api/v1/agents/connect', publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
