import { bigint, boolean, index, int, json, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { GuardSettings, OptionFile } from '@quorum/protocol';
import { at, idColumn } from './columns';
import type { StoredChannelSecrets } from '../../core/notify/channel-secrets';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export const NOTIFIED_STATES = ['none', 'firing', 'resolved'] as const;
export const CHANNEL_TYPES = ['email', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
export const SILENCE_KINDS = ['silence', 'maintenance'] as const;
export const NOTIFICATION_STATES = ['pending', 'sending', 'delivered', 'failed'] as const;
export const ATTEMPT_OUTCOMES = ['delivered', 'retry', 'failed'] as const;

/** The latest configuration report of each node (agent `batch.configs`): allow-listed settings only. */
export const nodeConfigs = mysqlTable('node_configs', {
  nodeId: idColumn('node_id').primaryKey(),
  orgId: idColumn('org_id').notNull(),
  clusterId: idColumn('cluster_id').notNull(),
  observedAt: at('observed_at').notNull(),
  receivedAt: at('received_at').notNull(),
  configured: json('configured').$type<{ files: OptionFile[]; settings: GuardSettings } | null>(),
  running: json('running').$type<GuardSettings | null>(),
});

/**
 * Alerts: one row per occurrence, from pending to resolved (kept as history). `active_key` is the
 * fingerprint while the alert is pending or firing and NULL after, so an organization has at most
 * one active alert per fingerprint (a unique index ignores NULLs).
 */
export const alerts = mysqlTable(
  'alerts',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    clusterId: idColumn('cluster_id').notNull(),
    nodeId: idColumn('node_id'),
    rule: varchar('rule', { length: 48 }).notNull(),
    fingerprint: varchar('fingerprint', { length: 160 }).notNull(),
    activeKey: varchar('active_key', { length: 160 }),
    state: mysqlEnum('state', ALERT_STATES).notNull(),
    severity: mysqlEnum('severity', ALERT_SEVERITIES).notNull(),
    summary: varchar('summary', { length: 2048 }).notNull(),
    details: json('details').$type<unknown>().notNull(),
    startedAt: at('started_at').notNull(),
    firedAt: at('fired_at'),
    clearedAt: at('cleared_at'),
    resolvedAt: at('resolved_at'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: idColumn('acknowledged_by'),
    notifiedState: mysqlEnum('notified_state', NOTIFIED_STATES).notNull().default('none'),
    inhibitedBy: varchar('inhibited_by', { length: 160 }),
    silencedBy: idColumn('silenced_by'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('alerts_active_uq').on(t.orgId, t.activeKey),
    index('alerts_cluster_state_idx').on(t.orgId, t.clusterId, t.state),
    index('alerts_org_state_idx').on(t.orgId, t.state, t.id),
  ],
);

/** Each cluster's notification group: how many it sent, when, and when it must be looked at again. */
export const alertGroups = mysqlTable(
  'alert_groups',
  {
    clusterId: idColumn('cluster_id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    seq: int('seq').notNull().default(0),
    pendingSince: at('pending_since'),
    lastNotifiedAt: at('last_notified_at'),
    /** When time alone changes something (a pending alert fires, a group interval ends…). */
    nextEvalAt: at('next_eval_at'),
  },
  (t) => [index('alert_groups_next_eval_idx').on(t.nextEvalAt)],
);

/** Overrides of a rule's defaults: org-wide (`cluster_id` = '') or for one cluster. */
export const alertRuleOverrides = mysqlTable(
  'alert_rule_overrides',
  {
    orgId: idColumn('org_id').notNull(),
    clusterId: varchar('cluster_id', { length: 32 }).notNull().default(''),
    rule: varchar('rule', { length: 48 }).notNull(),
    settings: json('settings').$type<Record<string, unknown>>().notNull(),
    updatedAt: at('updated_at').notNull(),
    updatedBy: idColumn('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.clusterId, t.rule] })],
);

/** An organization's grouping timings (absent: the defaults). */
export const notificationPolicies = mysqlTable('notification_policies', {
  orgId: idColumn('org_id').primaryKey(),
  groupWaitMs: int('group_wait_ms').notNull(),
  groupIntervalMs: int('group_interval_ms').notNull(),
  repeatIntervalMs: int('repeat_interval_ms').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Silences and maintenance windows (matchers: cluster, node, rule; each optional). */
export const silences = mysqlTable(
  'silences',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    kind: mysqlEnum('kind', SILENCE_KINDS).notNull(),
    clusterId: idColumn('cluster_id'),
    nodeId: idColumn('node_id'),
    rule: varchar('rule', { length: 48 }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    reason: varchar('reason', { length: 512 }).notNull(),
    createdBy: idColumn('created_by').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('silences_org_end_idx').on(t.orgId, t.endsAt)],
);

/**
 * Where an organization's notifications go. `config` is what the API shows (email recipients);
 * `secrets` never leaves the server in full (the Slack URL, the webhook URL and signing secret).
 */
export const notificationChannels = mysqlTable(
  'notification_channels',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    name: varchar('name', { length: 128 }).notNull(),
    type: mysqlEnum('type', CHANNEL_TYPES).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    minSeverity: mysqlEnum('min_severity', ALERT_SEVERITIES).notNull().default('warning'),
    config: json('config').$type<{ to?: string[] }>().notNull(),
    secrets: json('secrets').$type<StoredChannelSecrets>().notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('notification_channels_org_idx').on(t.orgId)],
);

/**
 * The outbox: one row per (notification, channel), keyed by its deterministic delivery id, so a
 * decision taken twice is stored — and sent — once. The notify queue and the sweep deliver it.
 */
export const notifications = mysqlTable(
  'notifications',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    channelId: idColumn('channel_id').notNull(),
    clusterId: idColumn('cluster_id'),
    kind: mysqlEnum('kind', ['alerts', 'test']).notNull(),
    status: mysqlEnum('status', ['firing', 'resolved', 'test']).notNull(),
    severity: mysqlEnum('severity', ALERT_SEVERITIES).notNull(),
    payload: json('payload').$type<unknown>().notNull(),
    state: mysqlEnum('state', NOTIFICATION_STATES).notNull().default('pending'),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** A claimed delivery is someone's until then (a crashed sender's claim expires). */
    leaseUntil: at('lease_until'),
    lastError: varchar('last_error', { length: 512 }),
    deliveredAt: at('delivered_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('notifications_due_idx').on(t.state, t.nextAttemptAt), index('notifications_org_idx').on(t.orgId, t.id)],
);

/** Which alerts a notification named (the alert page's delivery log). */
export const notificationAlerts = mysqlTable(
  'notification_alerts',
  {
    notificationId: idColumn('notification_id').notNull(),
    alertId: idColumn('alert_id').notNull(),
    orgId: idColumn('org_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.alertId] }), index('notification_alerts_alert_idx').on(t.orgId, t.alertId)],
);

/** The delivery log: every attempt of every notification, with its outcome. */
export const notificationAttempts = mysqlTable(
  'notification_attempts',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    orgId: idColumn('org_id').notNull(),
    notificationId: idColumn('notification_id').notNull(),
    attempt: int('attempt').notNull(),
    at: at('at').notNull(),
    outcome: mysqlEnum('outcome', ATTEMPT_OUTCOMES).notNull(),
    statusCode: int('status_code'),
    error: varchar('error', { length: 512 }),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
  },
  (t) => [index('notification_attempts_notification_idx').on(t.orgId, t.notificationId)],
);
