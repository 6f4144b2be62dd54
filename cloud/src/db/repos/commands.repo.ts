import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { CommandUpdateState } from '@quorum/protocol';
import { MAX_RUN_MS } from '../../core/commands/lifecycle';
import { ORCHESTRATIONS } from '../../core/commands/operations';
import { agentConnections } from '../schema/identity';
import { commands, type OperationState } from '../schema/commands';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, parseJson, type Queryable } from './queryable';

type Raw = typeof commands.$inferSelect;

/** A command or orchestration row with its JSON columns parsed and times in ms. */
export interface CommandRow {
  id: string;
  orgId: string;
  clusterId: string;
  nodeId: string | null;
  agentId: string | null;
  action: string;
  params: Record<string, unknown>;
  state: OperationState;
  agentState: CommandUpdateState | null;
  agentSeq: number | null;
  agentUpdatedAt: number | null;
  progress: unknown;
  result: unknown;
  error: { code: string; message: string } | null;
  reason: string | null;
  refusal: unknown;
  issuedBy: string;
  issuerUserId: string | null;
  approvedBy: string | null;
  createdAt: number;
  sentAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  expiresAt: number;
  deliveries: number;
  envelope: unknown;
  signature: string | null;
  parentId: string | null;
  orchestration: unknown;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null | undefined) => (n === null || n === undefined ? null : new Date(n));

function toRow(r: Raw): CommandRow {
  return {
    ...r,
    params: parseJson<Record<string, unknown>>(r.params) ?? {},
    agentUpdatedAt: ms(r.agentUpdatedAt),
    progress: parseJson(r.progress),
    result: parseJson(r.result),
    error: parseJson(r.error),
    refusal: parseJson(r.refusal),
    createdAt: r.createdAt.getTime(),
    sentAt: ms(r.sentAt),
    startedAt: ms(r.startedAt),
    finishedAt: ms(r.finishedAt),
    expiresAt: r.expiresAt.getTime(),
    envelope: parseJson(r.envelope),
    orchestration: parseJson(r.orchestration),
  };
}

export type NewCommand = Omit<CommandRow, 'orgId' | 'agentState' | 'agentSeq' | 'agentUpdatedAt' | 'progress' | 'result' | 'error' | 'reason' | 'refusal' | 'sentAt' | 'startedAt' | 'finishedAt' | 'deliveries'>;

export async function insertCommand(db: Queryable, scope: TenantScope, row: NewCommand): Promise<void> {
  await db.insert(commands).values({
    ...row,
    orgId: scope.orgId,
    createdAt: new Date(row.createdAt),
    expiresAt: new Date(row.expiresAt),
  });
}

/** The fields a state change may set (times in ms). */
export type CommandPatch = Partial<Pick<CommandRow,
  'state' | 'agentState' | 'agentSeq' | 'agentUpdatedAt' | 'progress' | 'result' | 'error' | 'reason' | 'refusal' | 'approvedBy' |
  'sentAt' | 'startedAt' | 'finishedAt' | 'expiresAt' | 'envelope' | 'signature' | 'orchestration'>>;

function toSet(patch: CommandPatch) {
  const { agentUpdatedAt, sentAt, startedAt, finishedAt, expiresAt, ...rest } = patch;
  return {
    ...rest,
    ...(agentUpdatedAt !== undefined ? { agentUpdatedAt: date(agentUpdatedAt) } : {}),
    ...(sentAt !== undefined ? { sentAt: date(sentAt) } : {}),
    ...(startedAt !== undefined ? { startedAt: date(startedAt) } : {}),
    ...(finishedAt !== undefined ? { finishedAt: date(finishedAt) } : {}),
    ...(expiresAt !== undefined ? { expiresAt: date(expiresAt) ?? new Date(0) } : {}),
  };
}

/** Updates a row; with `fromStates`, only while it is still in one of them. True when it changed. */
export async function updateCommand(db: Queryable, scope: TenantScope, id: string, patch: CommandPatch, fromStates?: readonly OperationState[]): Promise<boolean> {
  const result = await db
    .update(commands)
    .set(toSet(patch))
    .where(inTenant(commands, scope, eq(commands.id, id), fromStates ? inArray(commands.state, [...fromStates]) : undefined));
  return affectedRows(result) > 0;
}

export async function findCommand(db: Queryable, scope: TenantScope, id: string, opts: { lock?: boolean } = {}): Promise<CommandRow | undefined> {
  const query = db.select().from(commands).where(inTenant(commands, scope, eq(commands.id, id))).limit(1);
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ? toRow(row) : undefined;
}

/** Commands of one agent by id (the ingest: an update counts only for its own org's, own agent's command). */
export async function findAgentCommands(db: Queryable, scope: TenantScope, agentId: string, ids: string[]): Promise<Map<string, CommandRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.agentId, agentId), inArray(commands.id, ids)))
    .orderBy(asc(commands.id))
    .for('update');
  return new Map(rows.map((r) => [r.id, toRow(r)]));
}

/** A cluster's operations, newest first; `before` is the last row of the previous page. */
export async function listClusterCommands(
  db: Queryable,
  scope: TenantScope,
  opts: { clusterId: string; limit: number; before?: { createdAt: number; id: string } },
): Promise<CommandRow[]> {
  const cursor = opts.before
    ? or(lt(commands.createdAt, new Date(opts.before.createdAt)), and(eq(commands.createdAt, new Date(opts.before.createdAt)), lt(commands.id, opts.before.id)))
    : undefined;
  const rows = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.clusterId, opts.clusterId), cursor))
    .orderBy(desc(commands.createdAt), desc(commands.id))
    .limit(opts.limit);
  return rows.map(toRow);
}

export async function listChildren(db: Queryable, scope: TenantScope, parentId: string): Promise<CommandRow[]> {
  const rows = await db.select().from(commands).where(inTenant(commands, scope, eq(commands.parentId, parentId))).orderBy(asc(commands.createdAt), asc(commands.id));
  return rows.map(toRow);
}

/**
 * Claims a command for one more delivery: `queued` becomes `sent`, the count goes up. Only while
 * the agent has said nothing about it and it has not expired — a command cancelled (or expired)
 * in between is never handed out. True: send it now.
 */
export async function claimForDelivery(db: Queryable, scope: TenantScope, id: string, now: number): Promise<boolean> {
  const result = await db
    .update(commands)
    .set({
      state: sql`if(${commands.state} = 'queued', 'sent', ${commands.state})`,
      sentAt: sql`coalesce(${commands.sentAt}, ${new Date(now)})`,
      deliveries: sql`${commands.deliveries} + 1`,
    })
    .where(inTenant(commands, scope, eq(commands.id, id), inArray(commands.state, ['queued', 'sent']), isNull(commands.agentState), gt(commands.expiresAt, new Date(now))));
  return affectedRows(result) > 0;
}

/** Signed commands an agent has not acknowledged yet and can still accept, oldest first. */
export async function pendingForAgent(db: Queryable, scope: TenantScope, agentId: string, now: number): Promise<CommandRow[]> {
  const rows = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.agentId, agentId), inArray(commands.state, ['queued', 'sent']), isNull(commands.agentState), gt(commands.expiresAt, new Date(now))))
    .orderBy(asc(commands.createdAt), asc(commands.id))
    .limit(64);
  return rows.map(toRow);
}

/** An unfinished command of one action for an agent (e.g. a key update already on its way). */
export async function findOpenAgentCommand(db: Queryable, scope: TenantScope, agentId: string, action: string, now: number): Promise<CommandRow | undefined> {
  const [row] = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.agentId, agentId), eq(commands.action, action), inArray(commands.state, ['queued', 'sent', 'running']), gt(commands.expiresAt, new Date(now - MAX_RUN_MS))))
    .limit(1);
  return row ? toRow(row) : undefined;
}

/** The running orchestration of a cluster, if any (one at a time). */
export async function findActiveOrchestration(db: Queryable, scope: TenantScope, clusterId: string): Promise<CommandRow | undefined> {
  const [row] = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.clusterId, clusterId), inArray(commands.action, [...ORCHESTRATIONS]), eq(commands.state, 'running')))
    .limit(1);
  return row ? toRow(row) : undefined;
}

/** Unfinished bootstrap-cluster commands of a cluster (a second one must wait for the first). */
export async function findOpenCommand(db: Queryable, scope: TenantScope, clusterId: string, action: string): Promise<CommandRow | undefined> {
  const [row] = await db
    .select()
    .from(commands)
    .where(inTenant(commands, scope, eq(commands.clusterId, clusterId), eq(commands.action, action), inArray(commands.state, ['awaiting_approval', 'queued', 'sent', 'running'])))
    .limit(1);
  return row ? toRow(row) : undefined;
}

/**
 * System scan (all tenants): commands the expiry job may give up on — undelivered or unapproved
 * past their expiry, or accepted and silent for `MAX_RUN_MS` beyond it. Each is then expired
 * under its own organization's scope.
 */
export async function scanExpirable(db: Queryable, now: number, limit: number): Promise<Array<{ orgId: string; id: string }>> {
  return db
    .select({ orgId: commands.orgId, id: commands.id })
    .from(commands)
    .where(
      or(
        and(inArray(commands.state, ['awaiting_approval', 'queued', 'sent']), lte(commands.expiresAt, new Date(now))),
        and(eq(commands.state, 'running'), isNull(commands.orchestration), lte(commands.expiresAt, new Date(now - MAX_RUN_MS))),
      ),
    )
    .limit(limit);
}

/** System scan (all tenants): running orchestrations, for the scheduled tick. */
export async function scanActiveOrchestrations(db: Queryable, limit: number): Promise<Array<{ orgId: string; id: string; clusterId: string }>> {
  return db
    .select({ orgId: commands.orgId, id: commands.id, clusterId: commands.clusterId })
    .from(commands)
    .where(and(inArray(commands.action, [...ORCHESTRATIONS]), eq(commands.state, 'running')))
    .limit(limit);
}

/** The agent's connections that have been welcomed (commands go only there, after the welcome). */
export async function welcomedConnections(db: Queryable, scope: TenantScope, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ connectionId: agentConnections.connectionId })
    .from(agentConnections)
    .where(inTenant(agentConnections, scope, eq(agentConnections.agentId, agentId), sql`${agentConnections.helloAt} is not null`))
    .orderBy(desc(agentConnections.connectedAt));
  return rows.map((r) => r.connectionId);
}
