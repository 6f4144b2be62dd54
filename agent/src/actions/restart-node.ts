import { describe, startNode, stopNode } from './node-steps';
import { stopGuard } from './stop-node';
import type { ActionDefinition } from './types';

/** Stops a node cleanly, starts it again and waits for Synced (it rejoins by IST from its clean-stop position). */
export const restartNodeAction: ActionDefinition<'restart-node'> = {
  name: 'restart-node',
  timeoutMs: 30 * 60_000,
  guard: (ctx) => stopGuard(ctx, ctx.params.allowLastSynced),
  async run(ctx) {
    const node = ctx.node!;
    const before = await ctx.deps.poll(node);
    if (before.reachable) await stopNode(ctx, node);
    ctx.signal.throwIfAborted();
    const { status, startPosition, note } = await startNode(ctx, node, { recoverIfNeeded: true });
    return { node: node.name, wasRunning: before.reachable, state: describe(status), startPosition: startPosition ?? null, ...(note ? { note } : {}) };
  },
};
