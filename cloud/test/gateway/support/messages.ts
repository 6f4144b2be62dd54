import { randomUUID } from 'node:crypto';
import type { BatchInput, CommandUpdate, Hello, MetricSample, NodeStatus, StateReport } from '@quorum/protocol';
import { fixtureStatuses } from '../../support/galera-fixtures';

/** A hello for one 3-node cluster named `main` (node1..node3 on the lab's addresses). */
export function helloMessage(opts: { cluster?: string; nodes?: number } = {}): Hello {
  const count = opts.nodes ?? 3;
  return {
    type: 'hello',
    protocolVersion: 1,
    agentVersion: '0.1.0-test',
    hostname: 'db-host-1',
    startedAt: Date.now(),
    clusters: [
      {
        name: opts.cluster ?? 'main',
        expectedSize: count,
        nodes: Array.from({ length: count }, (_, i) => ({ name: `node${i + 1}`, address: `127.0.0.1${i + 1}:3306${i + 1}` })),
      },
    ],
  };
}

/** One poll of every node of a captured scenario, as state reports. */
export function fixtureStates(
  file: string,
  opts: { pollSeq: number; observedAt: number; changed?: boolean; cluster?: string; only?: string[] },
): StateReport[] {
  return Object.entries(fixtureStatuses(file))
    .filter(([node]) => !opts.only || opts.only.includes(node))
    .map(([node, status]: [string, NodeStatus]) => ({
      cluster: opts.cluster ?? 'main',
      node,
      pollSeq: opts.pollSeq,
      observedAt: opts.observedAt,
      changed: opts.changed ?? true,
      status,
    }));
}

/** Metric samples of node1..node3, two metrics each. */
export function samples(opts: { observedAt: number; cluster?: string; nodes?: number }): MetricSample[] {
  return Array.from({ length: opts.nodes ?? 3 }, (_, i) => ({
    cluster: opts.cluster ?? 'main',
    node: `node${i + 1}`,
    observedAt: opts.observedAt,
    values: { connections: 10 + i, queries_per_s: 100.5 + i },
  }));
}

export function batchMessage(opts: { states?: StateReport[]; samples?: MetricSample[]; commands?: CommandUpdate[]; batchId?: string }): BatchInput & { batchId: string } {
  return {
    type: 'batch',
    batchId: opts.batchId ?? randomUUID(),
    createdAt: Date.now(),
    states: opts.states ?? [],
    samples: opts.samples ?? [],
    ...(opts.commands ? { commands: opts.commands } : {}),
  };
}
