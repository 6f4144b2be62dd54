import { sql } from 'drizzle-orm';
import {
  bigint,
  double,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import type { NodeStatus } from '@quorum/protocol';
import { at, idColumn } from './columns';

export const HEALTHS = ['healthy', 'degraded', 'split_brain', 'no_primary', 'unknown'] as const;
export type Health = (typeof HEALTHS)[number];

/** A Galera cluster as the agents' inventories name it (unique per org by name). */
export const clusters = mysqlTable(
  'clusters',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    expectedSize: int('expected_size').notNull(),
    health: mysqlEnum('health', HEALTHS).notNull().default('unknown'),
    healthSince: at('health_since').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    /** The last assessment (findings, components), as returned by the API. */
    assessment: json('assessment').$type<unknown>(),
    /** Assessment state carried between evaluations (e.g. a split brain awaiting confirmation). */
    assessmentMemory: json('assessment_memory').$type<unknown>(),
    /**
     * When the stored assessment goes out of date by the passage of time alone (the first fresh
     * node turns stale); the offline job reassesses clusters whose moment has come. Null: never.
     */
    reassessAt: at('reassess_at'),
    createdAt: at('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [uniqueIndex('clusters_org_name_uq').on(t.orgId, t.name), index('clusters_reassess_idx').on(t.reassessAt)],
);

export const nodes = mysqlTable(
  'nodes',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    clusterId: idColumn('cluster_id').notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    address: varchar('address', { length: 256 }).notNull(),
    /** The agent that watches this node (the last one that reported it). */
    agentId: idColumn('agent_id').notNull(),
    createdAt: at('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [uniqueIndex('nodes_cluster_name_uq').on(t.clusterId, t.name), index('nodes_org_idx').on(t.orgId)],
);

/** The latest poll of each node, and the one before it (for two-poll confirmation). */
export const nodeStatus = mysqlTable('node_status', {
  nodeId: idColumn('node_id').primaryKey(),
  orgId: idColumn('org_id').notNull(),
  clusterId: idColumn('cluster_id').notNull(),
  pollSeq: bigint('poll_seq', { mode: 'number' }).notNull(),
  observedAt: at('observed_at').notNull(),
  receivedAt: at('received_at').notNull(),
  status: json('status').$type<NodeStatus>().notNull(),
});

export const EVENT_SEVERITIES = ['info', 'warning', 'critical'] as const;

/** Timeline of a cluster: node state changes, health changes, split brains, agent (dis)connects. */
export const clusterEvents = mysqlTable(
  'cluster_events',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    clusterId: idColumn('cluster_id').notNull(),
    nodeId: idColumn('node_id'),
    type: varchar('type', { length: 48 }).notNull(),
    severity: mysqlEnum('severity', EVENT_SEVERITIES).notNull(),
    message: varchar('message', { length: 1024 }).notNull(),
    data: json('data').$type<unknown>(),
    occurredAt: at('occurred_at').notNull(),
  },
  (t) => [index('cluster_events_cluster_time_idx').on(t.clusterId, t.occurredAt)],
);

/** One value of one metric of one node at one moment (ts in ms since the epoch). */
export const metricSamples = mysqlTable(
  'metric_samples',
  {
    nodeId: idColumn('node_id').notNull(),
    name: varchar('name', { length: 48 }).notNull(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
    orgId: idColumn('org_id').notNull(),
    value: double('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.name, t.ts] }), index('metric_samples_ts_idx').on(t.ts)],
);

/** Batches already stored, by the agent's batch id: a re-sent batch is acked, not stored twice. */
export const ingestedBatches = mysqlTable(
  'ingested_batches',
  {
    agentId: idColumn('agent_id').notNull(),
    batchId: varchar('batch_id', { length: 36 }).notNull(),
    orgId: idColumn('org_id').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.batchId] }), index('ingested_batches_time_idx').on(t.receivedAt)],
);
