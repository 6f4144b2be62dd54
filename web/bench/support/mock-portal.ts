import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openPortal } from '../../../cloud/src/adapters/local/portal';
import type { components } from '../../src/lib/api/schema';

/**
 * The built portal served exactly as the local host serves it (same handler, headers, precompressed
 * files), with the API replaced at the fetch boundary by synthetic answers: one signed-in user and
 * one 3-node cluster whose nodes have every metric sampled each 10 s. No database, no lab: the
 * benchmarks measure the browser's work alone.
 */
type S = components['schemas'];
export const BUILD_DIR = fileURLToPath(new URL('../../build/', import.meta.url));
const CLUSTER_ID = 'clu_01BENCHMARKCLUSTER000000';
const NODES = ['node1', 'node2', 'node3'].map((name, i) => ({ id: `nod_01BENCH${i}`, name, address: `10.0.0.1${i + 1}:3306` }));
const SAMPLE_MS = 10_000;

export interface MockPortal {
  url: string;
  clusterId: string;
  close(): Promise<void>;
}

export async function startMockPortal(opts: { seriesLimit: number }): Promise<MockPortal> {
  // `npm run bench` at the root runs this file directly: build the portal first if it is stale.
  spawnSync(process.execPath, [fileURLToPath(new URL('../../../scripts/ensure-portal.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
  const portal = openPortal({ dir: BUILD_DIR });
  if (!portal) throw new Error(`the portal is not built (${BUILD_DIR}): run npm run build -w web`);
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return json(res, mockApi(url, opts.seriesLimit));
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const answer = await portal!.fetch(new Request(url, { method: req.method ?? 'GET', headers }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  }
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clusterId: CLUSTER_ID,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function json(res: ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body === undefined ? '{"error":{"code":"not_found","message":"not mocked"}}' : text);
}

function mockApi(url: URL, seriesLimit: number): unknown {
  const now = Date.now();
  const path = url.pathname.replace('/api/v1', '');
  if (path === '/auth/me') return me();
  if (path === '/clusters') return { clusters: [summary(now)] };
  if (path === `/clusters/${CLUSTER_ID}`) return detail(now);
  if (path === `/clusters/${CLUSTER_ID}/events`) return { events: [], nextBefore: null };
  if (path === `/clusters/${CLUSTER_ID}/operations`) return { operations: [], nextBefore: null };
  if (path === '/alerts') return { alerts: [], nextBefore: null };
  if (path === '/organization/members') return { members: [{ userId: 'usr_01BENCH', email: 'bench@example.com', role: 'owner', joinedAt: 0 }] };
  const metrics = /^\/nodes\/([^/]+)\/metrics$/.exec(path);
  if (metrics) return nodeMetrics(metrics[1]!, url.searchParams, seriesLimit);
  return undefined;
}

function me(): S['Me'] {
  const org = { id: 'org_01BENCH', name: 'Bench Org', role: 'owner' as const };
  return { authenticatedBy: 'session', user: { id: 'usr_01BENCH', email: 'bench@example.com', createdAt: 0 }, activeOrganization: org, memberships: [{ orgId: org.id, name: org.name, role: org.role }] };
}

function nodeDetail(n: (typeof NODES)[number], now: number): S['NodeDetail'] {
  return {
    id: n.id, name: n.name, address: n.address, agentId: 'agt_01BENCH', state: 'Synced', clusterStatus: 'Primary', fresh: true,
    observedAt: now, receivedAt: now, reachable: true, error: null, localState: 4, localStateComment: 'Synced', clusterSize: 3,
    clusterConfId: '3', clusterStateUuid: '6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60', ready: true, connected: true, lastCommitted: 1_234_567,
    members: null, incomingAddresses: NODES.map((x) => x.address), clusterAddress: 'gcomm://10.0.0.11,10.0.0.12,10.0.0.13', clusterName: 'shop-prod', desyncCount: 0,
  };
}

function detail(now: number): S['ClusterDetail'] {
  const nodes = NODES.map((n) => nodeDetail(n, now));
  return {
    id: CLUSTER_ID, name: 'shop-prod', expectedSize: 3, health: 'healthy', healthSince: now - 86_400_000, summary: 'All 3 nodes are Synced in one Primary component.',
    nodeCount: 3, syncedCount: 3, primaryComponents: 1, lastSeenAt: now, nodes,
    alerts: { firing: 0, acknowledged: 0, pending: 0, bySeverity: { critical: 0, warning: 0, info: 0 } },
    assessment: {
      health: 'healthy', summary: 'All 3 nodes are Synced in one Primary component.', findings: [], splitBrain: null, assessedAt: now,
      components: [{ kind: 'primary', nodeIds: NODES.map((n) => n.id), nodeNames: NODES.map((n) => n.name), size: 3, confId: '3', stateUuid: nodes[0]!.clusterStateUuid, memberAddresses: NODES.map((n) => n.address) }],
    },
  };
}

function summary(now: number): S['ClusterSummary'] {
  const { assessment: _a, nodes, ...rest } = detail(now);
  return { ...rest, nodes: nodes.map((n) => ({ id: n.id, name: n.name, address: n.address, state: n.state, clusterStatus: n.clusterStatus, fresh: n.fresh, observedAt: n.observedAt })) };
}

/** The chart order of the cluster page (lib/charts/catalog.ts); series are filled chart by chart, node by node. */
const CHART_ORDER = ['queries_per_s', 'connections', 'flow_control_paused', 'replication_latency_s', 'recv_queue', 'send_queue', 'cert_failures_per_s'];

function nodeMetrics(nodeId: string, q: URLSearchParams, seriesLimit: number): S['NodeMetrics'] {
  const nodeIndex = NODES.findIndex((n) => n.id === nodeId);
  const from = Number(q.get('from'));
  const to = Number(q.get('to'));
  const names = (q.get('names') ?? '').split(',');
  const series = names.map((name) => {
    const chart = CHART_ORDER.indexOf(name);
    const filled = chart >= 0 && chart * NODES.length + nodeIndex < seriesLimit;
    const points: Array<[number, number]> = [];
    if (filled) {
      // Each node samples on its own clock: offset by a few hundred ms, as in real life.
      for (let t = Math.ceil(from / SAMPLE_MS) * SAMPLE_MS + nodeIndex * 317; t < Math.min(to, Date.now()); t += SAMPLE_MS) {
        points.push([t, Math.round((50 + 40 * Math.sin(t / 3_600_000 + nodeIndex) + 10 * Math.sin(t / 97_000)) * 100) / 100]);
      }
    }
    return { name, points };
  });
  return { nodeId, from, to, step: null, series };
}
