import { ZERO_UUID } from '@quorum/protocol';
import { markSafeToBootstrap, readGrastate } from '../galera/grastate';
import { checkAgainstIssued, checkBootstrapPositions, refuseBootstrapWhileRunning, type NodePosition, type Refusal } from '../guard/guard';
import { describe, pollCluster, readStoppedPosition, startNode } from './node-steps';
import { ActionError, RefusalError, type ActionContext, type ActionDefinition, type NodeTarget } from './types';

type Ctx = ActionContext<'bootstrap-cluster'>;

/**
 * Restarts a cluster whose nodes are all down (GALERA.md §7, the tested manual procedure):
 * 1. every node of the cluster is down (fresh polls; never while any node is Primary);
 * 2. each node's position: grastate.dat, or `--wsrep-recover` when its seqno is -1;
 * 3. one history (the expected UUID, never zero), nothing older than recorded or than the
 *    command was issued for, and the chosen node the most advanced;
 * 4. `safe_to_bootstrap: 1` on the chosen node, started with `--wsrep-new-cluster
 *    --wsrep-start-position=UUID:SEQNO` (the UUID survives), waited for until Synced;
 * 5. every other node started with its own `--wsrep-start-position`, one at a time, each
 *    waited for until Synced (IST where the donor still has the writesets).
 * A cancel stops it between steps; nodes already started stay up.
 */
export const bootstrapClusterAction: ActionDefinition<'bootstrap-cluster'> = {
  name: 'bootstrap-cluster',
  timeoutMs: 60 * 60_000,
  async guard(ctx) {
    const setup = checkSetup(ctx);
    if (setup) return setup;
    const polls = await pollCluster(ctx);
    return (
      refuseBootstrapWhileRunning(polls) ??
      checkBootstrapPositions({
        cluster: ctx.cluster.name,
        expectedStateUuid: ctx.params.expectedStateUuid.toLowerCase(),
        bootstrapNode: nameOf(ctx, ctx.params.bootstrapNodeId),
        positions: issuedPositions(ctx),
        recorded: ctx.deps.positions,
      })
    );
  },
  async run(ctx) {
    const chosen = nodeByName(ctx, nameOf(ctx, ctx.params.bootstrapNodeId));
    const positions: (NodePosition & { safeToBootstrap: boolean | null })[] = [];
    for (const [i, node] of ctx.cluster.nodes.entries()) {
      ctx.signal.throwIfAborted();
      ctx.progress('positions', `reading ${node.name}'s position`, (i / ctx.cluster.nodes.length) * 30);
      positions.push({ node: node.name, ...(await readStoppedPosition(ctx, node)) });
    }
    const refusal =
      checkBootstrapPositions({
        cluster: ctx.cluster.name,
        expectedStateUuid: ctx.params.expectedStateUuid.toLowerCase(),
        bootstrapNode: chosen.name,
        positions,
        recorded: ctx.deps.positions,
      }) ?? checkAgainstIssued(positions, issuedPositions(ctx));
    if (refusal) throw new RefusalError(refusal);
    // Time passed while recovering: someone may have started a node meanwhile.
    const late = refuseBootstrapWhileRunning(await pollCluster(ctx));
    if (late) throw new RefusalError(late);

    const own = positions.find((p) => p.node === chosen.name)!;
    ctx.signal.throwIfAborted();
    if (await readGrastate(chosen.config.dataDir!)) {
      ctx.progress('safe-to-bootstrap', `${chosen.name}: safe_to_bootstrap: 1 in grastate.dat`, 35);
      await markSafeToBootstrap(chosen.config.dataDir!);
    }
    const first = await startNode(ctx, chosen, { newCluster: true, startPosition: own });
    const started = [{ node: chosen.name, startPosition: first.startPosition, state: describe(first.status) }];
    const others = ctx.cluster.nodes.filter((n) => n !== chosen).sort((a, b) => seqnoOf(positions, b) - seqnoOf(positions, a));
    for (const [i, node] of others.entries()) {
      ctx.signal.throwIfAborted();
      ctx.progress('join', `starting ${node.name} (${i + 1} of ${others.length})`, 40 + (i / others.length) * 60);
      const p = positions.find((x) => x.node === node.name)!;
      const joined = await startNode(ctx, node, { startPosition: p });
      started.push({ node: node.name, startPosition: joined.startPosition, state: describe(joined.status) });
    }
    return { bootstrapNode: chosen.name, stateUuid: own.uuid, seqno: own.seqno, positions, started };
  },
};

/** This agent must control every node of the cluster, with its datadir, and pass options to mariadbd. */
function checkSetup(ctx: Ctx): Refusal | undefined {
  const { config, nodes } = ctx.cluster;
  const expected = config.expectedSize ?? nodes.length;
  if (expected > nodes.length) {
    return {
      code: 'wrong_node_state',
      message: `this agent watches ${nodes.length} of the cluster's ${expected} nodes: it cannot see whether another one is Primary, so it cannot bootstrap`,
    };
  }
  const missing = nodes.filter((n) => !n.control);
  if (missing.length > 0) return { code: 'no_control', message: `${missing.map((n) => n.name).join(', ')}: no control method configured` };
  for (const n of nodes) {
    if (!n.config.dataDir) throw new ActionError('not_configured', `${n.name} has no dataDir configured; bootstrap-cluster reads grastate.dat`);
    if (!n.control!.passesStartOptions) throw new ActionError('not_configured', `${n.name}: control.start has no {mariadbdArgs}; bootstrap-cluster must pass --wsrep-new-cluster and start positions`);
  }
  if (ctx.params.expectedStateUuid.toLowerCase() === ZERO_UUID) return { code: 'zero_uuid', message: 'the command expects the zero state UUID' };
  return undefined;
}

function nameOf(ctx: Ctx, nodeId: string): string {
  const name = ctx.cluster.nodeIds.get(nodeId);
  if (!name) throw new ActionError('unknown_node', `node id ${nodeId} is not one of this cluster's nodes`);
  return name;
}

function nodeByName(ctx: Ctx, name: string): NodeTarget {
  const node = ctx.cluster.nodes.find((n) => n.name === name);
  if (!node) throw new ActionError('unknown_node', `${name} is not configured in ${ctx.cluster.name}`);
  return node;
}

function issuedPositions(ctx: Ctx): NodePosition[] {
  return ctx.params.positions.map((p) => ({ node: nameOf(ctx, p.nodeId), uuid: p.uuid.toLowerCase(), seqno: p.seqno, source: 'command' }));
}

const seqnoOf = (positions: readonly NodePosition[], node: NodeTarget) => positions.find((p) => p.node === node.name)?.seqno ?? -1;
