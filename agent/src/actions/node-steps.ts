import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionName, NodeStatus } from '@quorum/protocol';
import type { NodeControl } from '../control/node-control';
import { readGrastate, type Grastate } from '../galera/grastate';
import { formatPosition, type Position } from '../galera/position';
import type { PolledNode, Refusal } from '../guard/guard';
import { errorMessage } from '../log';
import { ActionError, type ActionContext, type NodeTarget } from './types';

/**
 * Steps several node actions share: polling, waiting for a state, stopping, starting, reading
 * a position. Every wait polls the node itself and ends when the command's signal aborts.
 */
type Ctx = ActionContext<ActionName>;

const WAIT_POLL_MS = 500;

/** Synced, or (on a server without Galera) simply answering. */
export const isUp = (s: NodeStatus): boolean =>
  s.reachable && (s.localStateComment === 'Synced' || (s.localStateComment === null && s.clusterStatus === null));

export function describe(s: NodeStatus): string {
  if (!s.reachable) return `unreachable (${s.error ?? 'no answer'})`;
  return `${s.clusterStatus ?? 'no wsrep'} ${s.localStateComment ?? ''} size=${s.clusterSize ?? '?'}`.trim();
}

export function noControlRefusal(node: NodeTarget): Refusal | undefined {
  if (node.control) return undefined;
  return { code: 'no_control', message: `${node.name} has no control method configured (monitoring only)` };
}

export function controlOf(node: NodeTarget): NodeControl {
  if (!node.control) throw new ActionError('not_configured', `${node.name} has no control method configured`);
  return node.control;
}

export function dataDirOf(node: NodeTarget, why: string): string {
  if (!node.config.dataDir) throw new ActionError('not_configured', `${node.name} has no dataDir configured; ${why} needs it`);
  return node.config.dataDir;
}

/** Every node of the command's cluster, polled now, concurrently. */
export async function pollCluster(ctx: Ctx): Promise<PolledNode[]> {
  return Promise.all(ctx.cluster.nodes.map(async (n) => ({ node: n.name, status: await ctx.deps.poll(n) })));
}

/** Polls until `done` holds, reporting each state change; ends with the signal. */
export async function waitForNode(ctx: Ctx, node: NodeTarget, done: (s: NodeStatus) => boolean, what: string): Promise<NodeStatus> {
  ctx.progress(`wait-${what}`, `waiting for ${node.name} to be ${what}`);
  let last = '';
  for (;;) {
    ctx.signal.throwIfAborted();
    const status = await ctx.deps.poll(node);
    if (done(status)) return status;
    const now = describe(status);
    if (now !== last) {
      last = now;
      ctx.progress(`wait-${what}`, `${node.name}: ${now}`);
    }
    await sleep(WAIT_POLL_MS, undefined, { signal: ctx.signal });
  }
}

/** Runs the stop command and waits until the node no longer answers; records its clean-stop position. */
export async function stopNode(ctx: Ctx, node: NodeTarget): Promise<{ grastate: Grastate | undefined }> {
  ctx.progress('stop', `stopping ${node.name}`);
  await controlOf(node).stop(ctx.signal);
  await waitForNode(ctx, node, (s) => !s.reachable, 'stopped');
  const grastate = node.config.dataDir ? await readGrastate(node.config.dataDir).catch(() => undefined) : undefined;
  if (grastate) ctx.deps.positions.observe(node.cluster, node.name, grastate, { durable: true });
  return { grastate };
}

/**
 * Starts a node and waits for Synced. Without an explicit position, a node whose grastate.dat has
 * no seqno (a crash) gets its recovered position, as Debian's unit does with galera_recovery, so it
 * can rejoin by IST and a later bootstrap keeps the UUID (GALERA.md gotcha 4).
 */
export async function startNode(
  ctx: Ctx,
  node: NodeTarget,
  options: { newCluster?: boolean; startPosition?: Position; recoverIfNeeded?: boolean } = {},
): Promise<{ status: NodeStatus; startPosition?: string; note?: string }> {
  const control = controlOf(node);
  let startPosition = options.startPosition;
  let note: string | undefined;
  if (!startPosition && options.recoverIfNeeded) {
    const found = await positionForRestart(ctx, node);
    startPosition = found.position;
    note = found.note;
  }
  const extra = [options.newCluster ? '--wsrep-new-cluster' : '', startPosition ? `at ${formatPosition(startPosition)}` : ''].filter(Boolean).join(' ');
  ctx.progress('start', `starting ${node.name}${extra ? ` ${extra}` : ''}`);
  await control.start({ signal: ctx.signal, ...(options.newCluster ? { newCluster: true } : {}), ...(startPosition ? { startPosition } : {}) });
  const status = await waitForNode(ctx, node, (s) => isUp(s) && (!options.newCluster || s.clusterStatus === 'Primary'), 'synced');
  return { status, ...(startPosition ? { startPosition: formatPosition(startPosition) } : {}), ...(note ? { note } : {}) };
}

async function positionForRestart(ctx: Ctx, node: NodeTarget): Promise<{ position?: Position; note?: string }> {
  const control = controlOf(node);
  if (!node.config.dataDir || !control.canRecover || !control.passesStartOptions || control.method === 'systemd') return {};
  const grastate = await readGrastate(node.config.dataDir).catch(() => undefined);
  if (!grastate || grastate.seqno >= 0) return {};
  try {
    ctx.progress('recover', `${node.name}: grastate.dat has no seqno (crash); recovering its position`);
    const { position } = await control.recover(ctx.signal);
    if (position) ctx.deps.positions.observe(node.cluster, node.name, position, { durable: true });
    return position ? { position } : { note: 'recover printed no position; started without one' };
  } catch (e) {
    ctx.signal.throwIfAborted();
    return { note: `could not recover the position (${errorMessage(e)}); started without one` };
  }
}

/**
 * The node's position while it is down: grastate.dat when it holds a seqno (clean stop),
 * otherwise the recover command (`--wsrep-recover`).
 */
export async function readStoppedPosition(
  ctx: Ctx,
  node: NodeTarget,
): Promise<{ uuid: string; seqno: number; safeToBootstrap: boolean | null; source: 'grastate' | 'wsrep-recover' }> {
  const grastate = node.config.dataDir ? await readGrastate(node.config.dataDir) : undefined;
  if (grastate && grastate.seqno >= 0) {
    ctx.deps.positions.observe(node.cluster, node.name, grastate, { durable: true });
    return { uuid: grastate.uuid, seqno: grastate.seqno, safeToBootstrap: grastate.safeToBootstrap, source: 'grastate' };
  }
  const control = node.control;
  if (!control?.canRecover) {
    throw new ActionError('not_configured', `${node.name}: grastate.dat has no seqno and no recover command is configured (control.recover)`);
  }
  ctx.progress('recover', `${node.name}: running the recover command (--wsrep-recover)`);
  const { position, output } = await control.recover(ctx.signal);
  if (!position) throw new ActionError('no_position', `${node.name}: the recover command printed no position (${output.output.slice(-300)})`);
  ctx.deps.positions.observe(node.cluster, node.name, position, { durable: true });
  return { ...position, safeToBootstrap: grastate ? grastate.safeToBootstrap : null, source: 'wsrep-recover' };
}
