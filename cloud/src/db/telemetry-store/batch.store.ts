import { inArray, sql } from 'drizzle-orm';
import { escape } from 'mysql2';
import type { NodeStatus } from '@quorum/protocol';
import { clusterEvents, ingestedBatches, nodeStatus } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, jsonColumn, type Executor } from './executor';

/**
 * Claims a batch id for this agent. False when it was stored before (a re-send): the caller then
 * stores nothing. Inside the ingest transaction a concurrent copy of the same batch waits on this
 * row's lock and then sees the duplicate, so a batch is stored once even when sent twice at once.
 */
export async function claimBatch(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; batchId: string; receivedAt: number },
): Promise<boolean> {
  const result = await db
    .insert(ingestedBatches)
    .ignore()
    .values({ agentId: opts.agentId, batchId: opts.batchId, orgId: scope.orgId, receivedAt: new Date(opts.receivedAt) });
  return affectedRows(result) === 1;
}

export interface StoredNodeStatus {
  nodeId: string;
  clusterId: string;
  pollSeq: number;
  observedAt: number;
  receivedAt: number;
  status: NodeStatus;
}

export async function loadNodeStatuses(db: Executor, scope: TenantScope, nodeIds: string[]): Promise<Map<string, StoredNodeStatus>> {
  if (nodeIds.length === 0) return new Map();
  const rows = await db.select().from(nodeStatus).where(inTenant(nodeStatus, scope, inArray(nodeStatus.nodeId, nodeIds)));
  return new Map(
    rows.map((r) => [
      r.nodeId,
      {
        nodeId: r.nodeId,
        clusterId: r.clusterId,
        pollSeq: r.pollSeq,
        observedAt: r.observedAt.getTime(),
        receivedAt: r.receivedAt.getTime(),
        status: jsonColumn<NodeStatus>(r.status) as NodeStatus,
      },
    ]),
  );
}

/** Writes the latest poll of each node (the caller has decided they are newer than what is stored). */
export async function saveNodeStatuses(db: Executor, scope: TenantScope, rows: readonly StoredNodeStatus[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(nodeStatus)
    .values(
      rows.map((r) => ({
        nodeId: r.nodeId,
        orgId: scope.orgId,
        clusterId: r.clusterId,
        pollSeq: r.pollSeq,
        observedAt: new Date(r.observedAt),
        receivedAt: new Date(r.receivedAt),
        status: r.status,
      })),
    )
    .onDuplicateKeyUpdate({
      set: {
        clusterId: sql`values(${nodeStatus.clusterId})`,
        pollSeq: sql`values(${nodeStatus.pollSeq})`,
        observedAt: sql`values(${nodeStatus.observedAt})`,
        receivedAt: sql`values(${nodeStatus.receivedAt})`,
        status: sql`values(${nodeStatus.status})`,
      },
    });
}

export interface ClusterEventRow {
  id: string;
  clusterId: string;
  nodeId: string | null;
  type: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  data: unknown;
  occurredAt: number;
}

/** Appends events to clusters' timelines, in one INSERT. */
export async function insertClusterEvents(db: Executor, scope: TenantScope, events: readonly ClusterEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(clusterEvents).values(
    events.map((e) => ({
      id: e.id,
      orgId: scope.orgId,
      clusterId: e.clusterId,
      nodeId: e.nodeId,
      type: e.type,
      severity: e.severity,
      message: e.message.length > 1024 ? `${e.message.slice(0, 1021)}...` : e.message,
      data: e.data,
      occurredAt: new Date(e.occurredAt),
    })),
  );
}

export interface SampleRow {
  nodeId: string;
  name: string;
  ts: number;
  value: number;
}

/** Rows per INSERT statement; a batch (128 KB) holds far fewer, so in practice this is one INSERT. */
const SAMPLE_ROWS_PER_STATEMENT = 10_000;

/**
 * Stores metric samples with one multi-row INSERT — the ingest's hot path. The statement is
 * built as text with escaped literals rather than through the query builder: tens of thousands of
 * bound parameters cost more to assemble than the insert itself. A re-sent sample (same node,
 * name and ts) overwrites itself instead of failing the batch.
 */
export async function insertSamples(db: Executor, scope: TenantScope, rows: readonly SampleRow[]): Promise<void> {
  const org = escape(scope.orgId);
  for (let start = 0; start < rows.length; start += SAMPLE_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + SAMPLE_ROWS_PER_STATEMENT);
    const values = chunk
      .map((r) => `(${escape(r.nodeId)},${escape(r.name)},${Math.trunc(r.ts)},${org},${sqlNumber(r.value)})`)
      .join(',');
    await db.execute(
      sql.raw(
        `insert into metric_samples (node_id, name, ts, org_id, value) values ${values} ` +
          `on duplicate key update value = values(value)`,
      ),
    );
  }
}

function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`metric value ${value} is not finite`);
  return String(value);
}
