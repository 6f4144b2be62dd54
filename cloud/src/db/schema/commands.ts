import { sql } from 'drizzle-orm';
import { boolean, index, int, json, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { at, idColumn } from './columns';

/**
 * What an operation can be in, from the cloud's point of view. A command moves
 * `queued → sent → running → succeeded | failed | rejected`; `expired` when it was never delivered
 * or never finished in time; `awaiting_approval` (not signed yet) when the org's policy wants a
 * second person; `cancelled` when stopped before it was delivered (or, for an orchestration,
 * before its next step). See `core/commands/lifecycle.ts`.
 */
export const OPERATION_STATES = [
  'awaiting_approval',
  'queued',
  'sent',
  'running',
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** The agent's own states of a command (protocol `COMMAND_UPDATE_STATES`), kept for `isLaterUpdate`. */
export const AGENT_COMMAND_STATES = ['accepted', 'running', 'succeeded', 'failed', 'rejected'] as const;

/**
 * Operations: signed commands to one agent (the envelope id is the row id), and orchestrations the
 * cloud drives itself (a rolling restart: no envelope, children point at it through `parentId`).
 */
export const commands = mysqlTable(
  'commands',
  {
    /** The envelope id (a UUID): the agent executes an id at most once. */
    id: varchar('id', { length: 36 }).primaryKey(),
    orgId: idColumn('org_id').notNull(),
    clusterId: idColumn('cluster_id').notNull(),
    nodeId: idColumn('node_id'),
    /** Null for orchestrations (they have no agent of their own). */
    agentId: idColumn('agent_id'),
    /** A protocol action, or an orchestration (`rolling-restart`). */
    action: varchar('action', { length: 48 }).notNull(),
    params: json('params').$type<Record<string, unknown>>().notNull(),
    state: mysqlEnum('state', OPERATION_STATES).notNull(),
    /** The last state and seq the agent reported (what `isLaterUpdate` compares against). */
    agentState: mysqlEnum('agent_state', AGENT_COMMAND_STATES),
    agentSeq: int('agent_seq'),
    /** The agent's clock at its last update (compared with the agent-stamped node polls). */
    agentUpdatedAt: at('agent_updated_at'),
    progress: json('progress').$type<unknown>(),
    result: json('result').$type<unknown>(),
    /** `{code, message}` of a failure, the cloud's or the agent's. */
    error: json('error').$type<{ code: string; message: string }>(),
    /** The agent's verification failure (`REJECT_REASONS`) for a rejected command. */
    reason: varchar('reason', { length: 32 }),
    /** The agent's Galera guard refusal `{code, message, evidence}`. */
    refusal: json('refusal').$type<unknown>(),
    /** As in the envelope: a user id, an API token id, or `system:<job>`. */
    issuedBy: varchar('issued_by', { length: 128 }).notNull(),
    /** The person behind `issuedBy` (a token's creator): approval needs a different one. */
    issuerUserId: idColumn('issuer_user_id'),
    approvedBy: varchar('approved_by', { length: 128 }),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    /** The envelope's expiry; for a command awaiting approval, the end of the approval window. */
    expiresAt: at('expires_at').notNull(),
    /** How many times the envelope was handed to a connection (resends are harmless: replay store). */
    deliveries: int('deliveries').notNull().default(0),
    envelope: json('envelope').$type<unknown>(),
    /** base64url signature over `canonicalEnvelopeBytes(envelope)`. */
    signature: varchar('signature', { length: 200 }),
    /** The operation (rolling restart) or bootstrap plan this command is a step of. */
    parentId: varchar('parent_id', { length: 36 }),
    /** An orchestration's own state (see `core/commands/rolling-restart.ts`). */
    orchestration: json('orchestration').$type<unknown>(),
  },
  (t) => [
    index('commands_cluster_idx').on(t.orgId, t.clusterId, t.createdAt),
    index('commands_agent_state_idx').on(t.agentId, t.state),
    index('commands_state_expiry_idx').on(t.state, t.expiresAt),
    index('commands_parent_idx').on(t.parentId),
  ],
);

export const BOOTSTRAP_PLAN_STATES = ['gathering', 'ready', 'refused'] as const;
export type BootstrapPlanState = (typeof BOOTSTRAP_PLAN_STATES)[number];

/**
 * A bootstrap plan after a full outage (GALERA.md §7): each node's recovered position, gathered
 * with `recover-position` commands, then the node to bootstrap and why — or why not.
 */
export const bootstrapPlans = mysqlTable(
  'bootstrap_plans',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    clusterId: idColumn('cluster_id').notNull(),
    state: mysqlEnum('state', BOOTSTRAP_PLAN_STATES).notNull(),
    /** Per node: reachable, running, uuid, seqno, safe_to_bootstrap, source, command id. */
    evidence: json('evidence').$type<unknown>().notNull(),
    /** The chooser's verdict once every node has answered (or could not). */
    decision: json('decision').$type<unknown>(),
    createdBy: varchar('created_by', { length: 128 }).notNull(),
    createdAt: at('created_at').notNull(),
    /** Nodes that have not answered by then count as "no position". */
    deadlineAt: at('deadline_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [index('bootstrap_plans_cluster_idx').on(t.orgId, t.clusterId, t.createdAt), index('bootstrap_plans_state_idx').on(t.state, t.deadlineAt)],
);

/** Per-organization rules for operations. No row: the defaults. */
export const organizationPolicies = mysqlTable('organization_policies', {
  orgId: idColumn('org_id').primaryKey(),
  /** A bootstrap-cluster command waits for a second admin's approval before it is signed. */
  bootstrapRequiresApproval: boolean('bootstrap_requires_approval').notNull().default(false),
  updatedBy: varchar('updated_by', { length: 128 }).notNull(),
  updatedAt: at('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});

/**
 * The command-signing key ids each agent said it pins (hello.pinnedKeyIds), so that commands are
 * signed with a key the agent trusts and new keys are sent to it.
 */
export const agentSigningKeys = mysqlTable('agent_signing_keys', {
  agentId: idColumn('agent_id').primaryKey(),
  orgId: idColumn('org_id').notNull(),
  pinnedKeyIds: json('pinned_key_ids').$type<string[]>().notNull(),
  updatedAt: at('updated_at').notNull(),
});
