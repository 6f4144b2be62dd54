import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InventoryCluster } from '@quorum/protocol';
import { newId } from '../../ids';
import { clusters, nodes } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Executor } from './executor';

/** Where a cluster/node name pair lives: `${cluster}/${node}` → ids. */
export type NodeIds = Map<string, { clusterId: string; nodeId: string }>;
export const nodeKey = (cluster: string, node: string) => `${cluster}/${node}`;

/**
 * Stores an agent's inventory from its hello: clusters by name (expected size as the agent says),
 * nodes by name within their cluster (address, and this agent as the one watching it). Nodes are
 * never removed here: another agent may watch them, and their history stays.
 */
export async function upsertInventory(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; clusters: readonly InventoryCluster[]; now: number },
): Promise<NodeIds> {
  if (opts.clusters.length === 0) return new Map();
  await db
    .insert(clusters)
    .values(
      opts.clusters.map((c) => ({
        id: newId('clu', opts.now),
        orgId: scope.orgId,
        name: c.name,
        expectedSize: c.expectedSize,
        healthSince: new Date(opts.now),
      })),
    )
    .onDuplicateKeyUpdate({ set: { expectedSize: sql`values(${clusters.expectedSize})` } });
  const clusterIds = await clusterIdsByName(db, scope, opts.clusters.map((c) => c.name));
  const rows = opts.clusters.flatMap((c) =>
    c.nodes.map((n) => ({
      id: newId('nod', opts.now),
      orgId: scope.orgId,
      clusterId: clusterIds.get(c.name) as string,
      name: n.name,
      address: n.address,
      agentId: opts.agentId,
    })),
  );
  await db
    .insert(nodes)
    .values(rows)
    .onDuplicateKeyUpdate({ set: { address: sql`values(${nodes.address})`, agentId: sql`values(${nodes.agentId})` } });
  return nodeIdsByName(db, scope, opts.clusters.map((c) => c.name));
}

/**
 * The ids of the named nodes, creating clusters and nodes the hello did not announce (a batch may
 * name a node the hello did not: its data is kept, under an address to be learned later).
 */
export async function ensureNodes(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; pairs: ReadonlyArray<{ cluster: string; node: string }>; now: number },
): Promise<NodeIds> {
  const clusterNames = [...new Set(opts.pairs.map((p) => p.cluster))];
  if (clusterNames.length === 0) return new Map();
  let known = await nodeIdsByName(db, scope, clusterNames);
  const missing = opts.pairs.filter((p) => !known.has(nodeKey(p.cluster, p.node)));
  if (missing.length === 0) return known;

  const nodesPerCluster = new Map<string, Set<string>>();
  for (const p of opts.pairs) nodesPerCluster.set(p.cluster, (nodesPerCluster.get(p.cluster) ?? new Set()).add(p.node));
  await db
    .insert(clusters)
    .ignore()
    .values(
      [...new Set(missing.map((p) => p.cluster))].map((name) => ({
        id: newId('clu', opts.now),
        orgId: scope.orgId,
        name,
        expectedSize: nodesPerCluster.get(name)?.size ?? 1,
        healthSince: new Date(opts.now),
      })),
    );
  const clusterIds = await clusterIdsByName(db, scope, clusterNames);
  const unique = new Map(missing.map((p) => [nodeKey(p.cluster, p.node), p]));
  await db
    .insert(nodes)
    .ignore()
    .values(
      [...unique.values()].map((p) => ({
        id: newId('nod', opts.now),
        orgId: scope.orgId,
        clusterId: clusterIds.get(p.cluster) as string,
        name: p.node,
        address: 'unknown',
        agentId: opts.agentId,
      })),
    );
  known = await nodeIdsByName(db, scope, clusterNames);
  return known;
}

async function clusterIdsByName(db: Executor, scope: TenantScope, names: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: clusters.id, name: clusters.name })
    .from(clusters)
    .where(inTenant(clusters, scope, inArray(clusters.name, names)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function nodeIdsByName(db: Executor, scope: TenantScope, clusterNames: string[]): Promise<NodeIds> {
  const rows = await db
    .select({ clusterId: clusters.id, clusterName: clusters.name, nodeId: nodes.id, nodeName: nodes.name })
    .from(nodes)
    .innerJoin(clusters, and(eq(clusters.id, nodes.clusterId), eq(clusters.orgId, nodes.orgId)))
    .where(inTenant(nodes, scope, inArray(clusters.name, clusterNames)));
  return new Map(rows.map((r) => [nodeKey(r.clusterName, r.nodeName), { clusterId: r.clusterId, nodeId: r.nodeId }]));
}
