import { removeGrastate } from '../galera/grastate';
import { dataDirOf, describe, startNode, stopNode } from './node-steps';
import { stopGuard } from './stop-node';
import type { ActionDefinition } from './types';

/**
 * Makes a node rejoin its peers: stop it if it runs, then start it. With `forceSst` its
 * grastate.dat is deleted first, so it discards its state and takes a full SST from a donor —
 * GALERA.md's repair of a node whose data diverged (§6, case 3).
 */
export const rejoinNodeAction: ActionDefinition<'rejoin-node'> = {
  name: 'rejoin-node',
  timeoutMs: 30 * 60_000,
  // A rejoin stops the node: never the last Synced one (its data may be the only good copy).
  guard: (ctx) => stopGuard(ctx, false),
  async run(ctx) {
    const node = ctx.node!;
    const dataDir = ctx.params.forceSst ? dataDirOf(node, 'rejoin-node with forceSst') : undefined;
    const before = await ctx.deps.poll(node);
    if (before.reachable) await stopNode(ctx, node);
    ctx.signal.throwIfAborted();
    let removed = false;
    if (dataDir) {
      ctx.progress('discard-state', `${node.name}: deleting grastate.dat to force a full SST`);
      removed = await removeGrastate(dataDir);
    }
    const { status, startPosition, note } = await startNode(ctx, node, { recoverIfNeeded: !dataDir });
    return {
      node: node.name,
      wasRunning: before.reachable,
      forceSst: ctx.params.forceSst,
      grastateRemoved: removed,
      state: describe(status),
      startPosition: startPosition ?? null,
      ...(note ? { note } : {}),
    };
  },
};
