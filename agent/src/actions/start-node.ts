import { describe, isUp, noControlRefusal, startNode, waitForNode } from './node-steps';
import type { ActionDefinition } from './types';

/**
 * Starts a stopped node and waits until it is Synced. A node that already answers is only waited
 * for (its start command is not run again). After a crash the node starts at its recovered
 * position (see startNode).
 */
export const startNodeAction: ActionDefinition<'start-node'> = {
  name: 'start-node',
  // A joiner may need a full SST; Debian's unit allows 15 minutes too.
  timeoutMs: 15 * 60_000,
  guard: async (ctx) => noControlRefusal(ctx.node!),
  async run(ctx) {
    const node = ctx.node!;
    const before = await ctx.deps.poll(node);
    if (before.reachable) {
      const status = isUp(before) ? before : await waitForNode(ctx, node, isUp, 'synced');
      return { node: node.name, alreadyRunning: true, state: describe(status) };
    }
    const started = Date.now();
    const { status, startPosition, note } = await startNode(ctx, node, { recoverIfNeeded: true });
    return { node: node.name, alreadyRunning: false, state: describe(status), startPosition: startPosition ?? null, tookMs: Date.now() - started, ...(note ? { note } : {}) };
  },
};
