import type { CommandUpdate } from '@quorum/protocol';
import { applyAgentUpdate } from '../core/commands/lifecycle';
import { pinnedAfter } from '../core/commands/signing-keys';
import { pinnedKeyIds, savePinnedKeyIds } from '../db/repos/agent-signing-keys.repo';
import { recordAudit } from '../db/repos/audit.repo';
import { findAgentCommands, updateCommand } from '../db/repos/commands.repo';
import type { Queryable } from '../db/repos/queryable';
import type { TenantScope } from '../db/tenant-scope';

export interface AppliedUpdates {
  applied: number;
  /** Re-sent, out of order, or a replay echo: nothing changed. */
  ignored: number;
  /** Not a command of this org and this agent: dropped (an agent can only speak for its own). */
  unknown: number;
  /** Operations and bootstrap plans whose steps changed (to be moved on after the commit). */
  parents: string[];
  /** Clusters whose commands changed. */
  clusterIds: string[];
}

/**
 * Applies the command updates of one batch, inside the ingest's transaction (so they are stored
 * exactly once, with the batch). An update counts only for a command of this organization AND
 * this agent; each row is locked, so two copies of an update never both apply. A command reaching
 * its end gets its `command.finish` audit row in the same transaction.
 */
export async function applyCommandUpdates(
  tx: Queryable,
  scope: TenantScope,
  opts: { agentId: string; updates: readonly CommandUpdate[]; now: number },
): Promise<AppliedUpdates> {
  const out: AppliedUpdates = { applied: 0, ignored: 0, unknown: 0, parents: [], clusterIds: [] };
  if (opts.updates.length === 0) return out;
  const rows = await findAgentCommands(tx, scope, opts.agentId, [...new Set(opts.updates.map((u) => u.commandId))]);
  const parents = new Set<string>();
  const clusters = new Set<string>();
  for (const update of opts.updates) {
    const row = rows.get(update.commandId);
    if (!row || row.orchestration !== null) {
      out.unknown += 1;
      continue;
    }
    const outcome = applyAgentUpdate(row, update, opts.now);
    if (!outcome.apply) {
      out.ignored += 1;
      continue;
    }
    const { patch } = outcome;
    await updateCommand(tx, scope, row.id, patch);
    rows.set(row.id, { ...row, ...patch });
    out.applied += 1;
    clusters.add(row.clusterId);
    if (row.parentId) parents.add(row.parentId);
    if (outcome.finished) {
      await recordAudit(tx, scope, {
        actor: { kind: 'agent', id: opts.agentId },
        action: 'command.finish',
        target: { type: 'command', id: row.id },
        details: {
          action: row.action,
          state: patch.state,
          ...(patch.error ? { error: patch.error } : {}),
          ...(patch.reason ? { reason: patch.reason } : {}),
          ...(patch.refusal ? { refusal: (patch.refusal as { code?: string }).code } : {}),
        },
        at: opts.now,
      });
      if (row.action === 'update-signing-keys' && patch.state === 'succeeded') {
        const params = row.params as { add?: Array<{ keyId: string }>; retire?: string[] };
        const before = (await pinnedKeyIds(tx, scope, opts.agentId)) ?? [];
        await savePinnedKeyIds(tx, scope, opts.agentId, pinnedAfter(before, { add: params.add ?? [], retire: params.retire ?? [] }), opts.now);
      }
    }
  }
  out.parents = [...parents];
  out.clusterIds = [...clusters];
  return out;
}
