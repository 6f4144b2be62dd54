import { pollCluster, noControlRefusal, stopNode } from './node-steps';
import { refuseLastSyncedStop } from '../guard/guard';
import type { ActionContext, ActionDefinition } from './types';

/** Refuses stopping the last Synced node of a Primary component (unless allowed), from fresh polls. */
export async function stopGuard(ctx: ActionContext<'stop-node' | 'restart-node' | 'rejoin-node'>, allowLastSynced: boolean) {
  const node = ctx.node!;
  return noControlRefusal(node) ?? refuseLastSyncedStop({ node: node.name, polls: await pollCluster(ctx), allowLastSynced });
}

/** Stops a node cleanly (its stop command) and waits until it no longer answers. */
export const stopNodeAction: ActionDefinition<'stop-node'> = {
  name: 'stop-node',
  timeoutMs: 15 * 60_000,
  guard: (ctx) => stopGuard(ctx, ctx.params.allowLastSynced),
  async run(ctx) {
    const { grastate } = await stopNode(ctx, ctx.node!);
    return { node: ctx.node!.name, stopped: true, grastate: grastate ?? null };
  },
};
