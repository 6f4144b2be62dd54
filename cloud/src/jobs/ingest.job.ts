import { stateChanged, type Batch, type StateReport } from '@quorum/protocol';
import { describeStateChange, isNewerPoll } from '../core/ingest/state-change';
import type { Deps } from '../deps';
import { newId } from '../ids';
import {
  claimBatch,
  insertClusterEvents,
  insertSamples,
  loadNodeStatuses,
  saveNodeStatuses,
  type ClusterEventRow,
  type SampleRow,
  type StoredNodeStatus,
} from '../db/telemetry-store/batch.store';
import { lockClusters } from '../db/telemetry-store/cluster-assessment.store';
import { inTransaction, type Transaction } from '../db/telemetry-store/executor';
import { ensureNodes, nodeKey, type NodeIds } from '../db/telemetry-store/inventory.store';
import { tenantScope, type TenantScope } from '../db/tenant-scope';
import { applyCommandUpdates } from '../commands/apply-command-updates';
import { followUp } from '../commands/follow-up';
import { saveNodeConfigs } from '../db/alert-store/evaluation.store';
import { dispatchNotifications } from './alerts/dispatch';
import type { IngestMessage } from './ingest-message';
import type { NotifyMessage } from './notify.job';
import { reassessLockedCluster } from './reassess-cluster';

export interface IngestResult {
  duplicate: boolean;
  statesApplied: number;
  samplesStored: number;
  clustersAssessed: number;
  /** Command updates applied; ignored ones were re-sent, out of order, or not this agent's. */
  commandsApplied: number;
  commandsIgnored: number;
  /** What to move on after the commit: operations/plans whose commands changed, clusters whose state changed. */
  followUps: { parents: string[]; clusterIds: string[] };
  /** Notification deliveries the alert evaluation decided (handed to the notify queue after commit). */
  notifications: number;
}

const NOTHING = { commandsApplied: 0, commandsIgnored: 0, followUps: { parents: [], clusterIds: [] } };

/**
 * The ingest queue's consumer: stores one agent batch, idempotently, in ONE transaction.
 *
 * 1. Claims `(agent, batchId)`; if it was claimed before, the batch is a re-send: nothing more.
 * 2. Creates nodes the hello did not announce (nothing a batch carries is dropped).
 * 3. Locks the clusters its state reports touch (serializes assessments per cluster).
 * 4. Keeps each node's newest poll (an out-of-order re-send never rolls state back) and puts
 *    reported changes on the timeline.
 * 5. Stores metric samples in one multi-row INSERT, and the nodes' configuration reports.
 * 6. Reassesses each touched cluster (states or configs) and records its events, then evaluates
 *    its alerts; notifications go to the outbox in this transaction.
 * 7. Applies command updates (progress, results) to this org's commands of this agent.
 * A failure rolls everything back, so the queue's retry (or the agent's re-send) starts clean.
 * After the commit, new deliveries are handed to the notify queue — not awaited: the ingest (and
 * the agent's ack) never waits on Slack or SMTP.
 */
export async function ingestBatch(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'queue'>, message: IngestMessage): Promise<IngestResult> {
  const scope = tenantScope(message.orgId);
  const { batch, agentId, receivedAt } = message;
  let notifications: NotifyMessage[] = [];
  const result = await inTransaction(deps.db, async (tx) => {
    notifications = [];
    if (!(await claimBatch(tx, scope, { agentId, batchId: batch.batchId, receivedAt }))) {
      return { duplicate: true, statesApplied: 0, samplesStored: 0, clustersAssessed: 0, notifications: 0, ...NOTHING };
    }
    const now = deps.clock.now();
    const ids = await ensureNodes(tx, scope, { agentId, pairs: [...batch.states, ...batch.samples, ...batch.configs], now });
    const clusterIds = [...new Set([...batch.states, ...batch.configs].map((s) => idsOf(ids, s).clusterId))];
    const locked = await lockClusters(tx, scope, clusterIds);
    const statesApplied = await applyStateReports(tx, scope, { ids, states: batch.states, receivedAt });
    const samples = sampleRows(ids, batch);
    await insertSamples(tx, scope, samples);
    await saveNodeConfigs(
      tx,
      scope,
      batch.configs.map((c) => ({ ...idsOf(ids, c), observedAt: c.observedAt, receivedAt, configured: c.configured, running: c.running })),
    );
    for (const cluster of locked) notifications.push(...(await reassessLockedCluster(tx, deps, scope, cluster, now)).notifications);
    const commands = await applyCommandUpdates(tx, scope, { agentId, updates: batch.commands, now });
    if (commands.unknown > 0) deps.log.warn('command updates for commands this agent was not sent', { orgId: scope.orgId, agentId, count: commands.unknown });
    return {
      duplicate: false,
      statesApplied,
      samplesStored: samples.length,
      clustersAssessed: locked.length,
      notifications: notifications.length,
      commandsApplied: commands.applied,
      commandsIgnored: commands.ignored + commands.unknown,
      followUps: { parents: commands.parents, clusterIds: [...new Set([...(statesApplied > 0 ? clusterIds : []), ...commands.clusterIds])] },
    };
  });
  dispatchNotifications(deps, notifications);
  return result;
}

/**
 * The ingest queue's consumer as the hosts register it: the batch in its transaction, then — once
 * committed — whatever it unblocked (a rolling restart's next step, a bootstrap plan's decision).
 * A failed follow-up does not fail the batch (it is stored; the scheduled tick catches up).
 */
export async function consumeIngest(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'queue' | 'signer' | 'agentChannel'>, message: IngestMessage): Promise<IngestResult> {
  const result = await ingestBatch(deps, message);
  if (result.followUps.parents.length > 0 || result.followUps.clusterIds.length > 0) {
    await followUp(deps, tenantScope(message.orgId), result.followUps);
  }
  return result;
}

function idsOf(ids: NodeIds, item: { cluster: string; node: string }) {
  const found = ids.get(nodeKey(item.cluster, item.node));
  if (!found) throw new Error(`node ${item.cluster}/${item.node} was neither found nor created`);
  return found;
}

/** Stores each node's newest poll and returns how many nodes changed; changed reports become events. */
async function applyStateReports(
  tx: Transaction,
  scope: TenantScope,
  opts: { ids: NodeIds; states: readonly StateReport[]; receivedAt: number },
): Promise<number> {
  if (opts.states.length === 0) return 0;
  const latest = await loadNodeStatuses(tx, scope, opts.states.map((s) => idsOf(opts.ids, s).nodeId));
  const dirty = new Map<string, StoredNodeStatus>();
  const events: ClusterEventRow[] = [];
  for (const report of opts.states) {
    const { clusterId, nodeId } = idsOf(opts.ids, report);
    const current = latest.get(nodeId);
    const newer = isNewerPoll(current, report);
    const samePoll = current !== undefined && current.observedAt === report.observedAt && current.pollSeq === report.pollSeq;
    if (report.changed && !samePoll && (!newer || stateChanged(current?.status, report.status))) {
      // An older report arriving late still happened: it goes on the timeline at its own time,
      // described without a "before" it cannot know, and does not replace the newer state.
      const { message, severity } = describeStateChange(report.node, newer ? current?.status : undefined, report.status);
      events.push({
        id: newId('evt', report.observedAt),
        clusterId,
        nodeId,
        type: 'node_state_changed',
        severity,
        message: `${report.cluster}: ${message}`,
        data: { pollSeq: report.pollSeq, status: report.status, ...(newer ? {} : { late: true }) },
        occurredAt: report.observedAt,
      });
    }
    if (!newer) continue;
    const row: StoredNodeStatus = { nodeId, clusterId, pollSeq: report.pollSeq, observedAt: report.observedAt, receivedAt: opts.receivedAt, status: report.status };
    latest.set(nodeId, row);
    dirty.set(nodeId, row);
  }
  await saveNodeStatuses(tx, scope, [...dirty.values()]);
  await insertClusterEvents(tx, scope, events);
  return dirty.size;
}

function sampleRows(ids: NodeIds, batch: Batch): SampleRow[] {
  const rows: SampleRow[] = [];
  for (const sample of batch.samples) {
    const { nodeId } = idsOf(ids, sample);
    for (const [name, value] of Object.entries(sample.values)) {
      if (value !== undefined) rows.push({ nodeId, name, ts: sample.observedAt, value });
    }
  }
  return rows;
}
