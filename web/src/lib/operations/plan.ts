import { listWords } from '../format';
import type { ActionName } from './catalog';

/**
 * What an operation will do, said before it is confirmed (shared/PORTAL.md: "the plan first —
 * what will happen, on which nodes, in what order, the evidence, the guards that passed"). The
 * guards are the cloud's own preconditions (cloud/src/core/commands/preconditions.ts) judged on
 * what the page shows now; the control plane checks them again on fresh telemetry, and the agent
 * once more on the nodes themselves.
 */
export interface PlanNode {
  id: string;
  name: string;
  state: string;
  clusterStatus: string | null;
  fresh: boolean;
  reachable: boolean | null;
}

export interface Guard {
  /** true: holds now; false: the control plane will refuse; null: checked by the agent only. */
  ok: boolean | null;
  text: string;
}

export interface OperationPlan {
  /** One sentence: what will happen to what. */
  summary: string;
  /** In order. */
  steps: string[];
  guards: Guard[];
  /** What to know before confirming (e.g. what a forced SST costs). */
  warning?: string;
}

export interface PlanInput {
  action: ActionName;
  clusterName: string;
  nodes: readonly PlanNode[];
  /** The node a node action targets. */
  node?: PlanNode;
  params?: Record<string, unknown>;
}

const running = (n: PlanNode) => n.fresh && n.reachable !== false && n.state !== 'unreachable' && n.state !== 'unknown';
const syncedPrimary = (n: PlanNode) => running(n) && n.clusterStatus === 'Primary' && n.state === 'Synced';

export function describeOperation(input: PlanInput): OperationPlan {
  const { action, clusterName, nodes, params = {} } = input;
  const node = input.node;
  const name = node?.name ?? '?';
  const where = `${name} of ${clusterName}`;
  const synced = nodes.filter(syncedPrimary);
  const agentGuard: Guard = { ok: null, text: 'The agent checks the node again itself before it touches anything, and refuses if it is unsafe.' };

  switch (action) {
    case 'restart-node':
    case 'stop-node': {
      const verb = action === 'stop-node' ? 'stop' : 'restart';
      const others = synced.filter((n) => n.id !== node?.id);
      const last = node !== undefined && syncedPrimary(node) && others.length === 0;
      return {
        summary:
          action === 'stop-node'
            ? `Stop MariaDB on ${where}. It stays down until someone starts it.`
            : `Restart MariaDB on ${where}: a clean shutdown, then a start; it rejoins its peers (IST when it can).`,
        steps:
          action === 'stop-node'
            ? [`Shut down mariadbd on ${name} cleanly (grastate.dat keeps its position).`, `Wait until ${name} no longer answers.`]
            : [`Shut down mariadbd on ${name} cleanly.`, `Start it again with the same configuration.`, `Wait until ${name} is Synced.`],
        guards: [
          last
            ? { ok: false, text: `${name} is the last Synced node of the Primary component — to ${verb} it takes the cluster down. The control plane refuses it.` }
            : {
                ok: true,
                text:
                  others.length > 0
                    ? `${listWords(others.map((n) => n.name))} ${others.length === 1 ? 'stays' : 'stay'} Synced in the Primary component while ${name} is down.`
                    : `${name} is not Synced in a Primary component now: no quorum depends on it.`,
              },
          agentGuard,
        ],
        ...(action === 'stop-node' ? { warning: `While ${name} is down the cluster has ${nodes.length - 1} of ${nodes.length} nodes: one more failure and it may lose quorum.` } : {}),
      };
    }
    case 'start-node':
    case 'recover-position': {
      const up = node !== undefined && running(node);
      return {
        summary:
          action === 'start-node'
            ? `Start MariaDB on ${where}; it joins its peers through wsrep_cluster_address.`
            : `Read ${name}'s last committed position (grastate.dat, or mariadbd --wsrep-recover after a crash). Nothing else changes.`,
        steps:
          action === 'start-node'
            ? [`Start mariadbd on ${name}.`, `Wait until it is Synced (IST, or SST from a donor).`]
            : [`Read ${name}'s grastate.dat.`, `If its seqno is -1 (a crash), run mariadbd --wsrep-recover and read the recovered position.`],
        guards: [
          up
            ? { ok: false, text: `${name} is running (${node?.state}): ${action === 'start-node' ? 'it is already started' : 'recovering a position needs it stopped'}. The control plane refuses it.` }
            : { ok: true, text: `${name} is not running now.` },
          agentGuard,
        ],
      };
    }
    case 'rejoin-node': {
      const sst = params.forceSst === true;
      return {
        summary: sst
          ? `Discard ${where}'s data and let it copy everything again from a donor (full SST).`
          : `Stop ${where} if it runs and start it again so it rejoins its peers.`,
        steps: [
          `Stop mariadbd on ${name} (if running).`,
          ...(sst ? [`Delete ${name}'s grastate.dat so it cannot use IST: it takes a full state transfer.`] : []),
          `Start ${name} with the full wsrep_cluster_address; it joins the Primary component.`,
          `Wait until ${name} is Synced.`,
        ],
        guards: [
          synced.filter((n) => n.id !== node?.id).length > 0
            ? { ok: true, text: `A Primary component to join exists: ${listWords(synced.filter((n) => n.id !== node?.id).map((n) => n.name))}.` }
            : { ok: null, text: 'No other node is Synced in a Primary component now: the node will have nothing to join until one is.' },
          agentGuard,
        ],
        ...(sst
          ? { warning: `A full SST copies the whole dataset over the network; the donor is desynced while it runs. Any rows written only on ${name} are lost.` }
          : {}),
      };
    }
    case 'rolling-restart': {
      const order = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
      const notSynced = nodes.filter((n) => !syncedPrimary(n));
      return {
        summary: `Restart every node of ${clusterName}, one at a time (${listWords(order.map((n) => n.name))}), keeping a Primary component with quorum all along.`,
        steps: order.map((n) => `Restart ${n.name}, then wait until it is Synced again.`),
        guards: [
          notSynced.length === 0 && nodes.length > 0
            ? { ok: true, text: `Every node is Synced in one Primary component (${synced.length}/${nodes.length}).` }
            : { ok: false, text: `${listWords(notSynced.map((n) => n.name))} ${notSynced.length === 1 ? 'is' : 'are'} not Synced: a rolling restart starts only when every node is. The control plane refuses it.` },
          { ok: null, text: 'Before each step the control plane checks again that every node is Synced; the first failure stops it, the remaining nodes untouched.' },
        ],
      };
    }
    case 'collect-diagnostics':
      return {
        summary: `Read, from every node of ${clusterName}: the error log's last ${Number(params.errorLogLines ?? 200)} lines, grastate.dat, gvwstate.dat, the process list and the wsrep status. Nothing changes.`,
        steps: nodes.map((n) => `Read ${n.name}.`),
        guards: [{ ok: true, text: 'Read-only: the agent uses the monitoring account and reads files.' }],
      };
    case 'kill-query':
      return {
        summary: `${params.scope === 'connection' ? 'End the whole session' : 'End the running statement'} of process ${String(params.processId ?? '?')} on ${where}.`,
        steps: [`Look process ${String(params.processId ?? '?')} up in ${name}'s process list.`, `KILL ${params.scope === 'connection' ? 'CONNECTION' : 'QUERY'} ${String(params.processId ?? '?')}.`],
        guards: [{ ok: null, text: 'The agent refuses an unknown process id and the server’s own threads (Galera appliers, the event scheduler).' }],
      };
    case 'bootstrap-cluster':
    case 'set-global-variable':
      return { summary: `${action} on ${clusterName}.`, steps: [], guards: [agentGuard] };
  }
}
