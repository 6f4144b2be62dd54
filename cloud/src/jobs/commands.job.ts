import { SYSTEM_ACTOR } from '../core/audit/actor';
import { shouldExpire } from '../core/commands/lifecycle';
import { followUp } from '../commands/follow-up';
import { recordAudit } from '../db/repos/audit.repo';
import { scanOverduePlans } from '../db/repos/bootstrap-plans.repo';
import { findCommand, scanActiveOrchestrations, scanExpirable, updateCommand } from '../db/repos/commands.repo';
import { inTransaction } from '../db/telemetry-store/executor';
import { tenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { errorSummary } from './error-summary';

type TickDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'agentChannel' | 'log'>;

const SCAN_LIMIT = 500;

export interface CommandsTickResult {
  expired: number;
  plansChecked: number;
  orchestrationsChecked: number;
}

/**
 * The commands job (every few seconds):
 * 1. expires commands never delivered (or approved) before their envelope expired — the agent
 *    would refuse them now — and accepted ones silent for far too long;
 * 2. decides bootstrap plans whose nodes did not all answer by the deadline;
 * 3. moves every running orchestration on (the events do that too; the tick makes sure progress
 *    never depends on an event arriving — e.g. after a control-plane restart).
 */
export async function runCommandsTick(deps: TickDeps): Promise<CommandsTickResult> {
  const now = deps.clock.now();
  let expired = 0;
  for (const ref of await scanExpirable(deps.db, now, SCAN_LIMIT)) {
    const scope = tenantScope(ref.orgId);
    try {
      const parent = await inTransaction(deps.db, async (tx) => {
        const row = await findCommand(tx, scope, ref.id, { lock: true });
        if (!row || !shouldExpire(row, now)) return undefined;
        const undelivered = row.state !== 'running';
        const message = row.state === 'awaiting_approval'
          ? 'nobody approved it in time'
          : undelivered
            ? `not delivered before it expired (agent offline or never answered; delivered ${row.deliveries} time(s))`
            : 'the agent accepted it but reported no result in time';
        await updateCommand(tx, scope, row.id, { state: 'expired', finishedAt: now, error: { code: 'expired', message } }, [row.state]);
        await recordAudit(tx, scope, { actor: SYSTEM_ACTOR('expiry'), action: 'command.finish', target: { type: 'command', id: row.id }, details: { action: row.action, state: 'expired', from: row.state }, at: now });
        expired += 1;
        return { parentId: row.parentId, clusterId: row.clusterId };
      });
      if (parent) await followUp(deps, scope, { parents: parent.parentId ? [parent.parentId] : [], clusterIds: [] });
    } catch (error) {
      deps.log.error('expiring a command failed', { commandId: ref.id, error: errorSummary(error) });
    }
  }
  const plans = await scanOverduePlans(deps.db, now, SCAN_LIMIT);
  for (const p of plans) await followUp(deps, tenantScope(p.orgId), { parents: [p.id], clusterIds: [] });
  const active = await scanActiveOrchestrations(deps.db, SCAN_LIMIT);
  for (const a of active) await followUp(deps, tenantScope(a.orgId), { parents: [a.id], clusterIds: [] });
  if (expired > 0) deps.log.info('commands expired', { count: expired });
  return { expired, plansChecked: plans.length, orchestrationsChecked: active.length };
}
