import { isTruthyOption, type GuardSettings } from '@quorum/protocol';
import type { Component, NodeObservation } from '../galera/index';
import type { Condition, GuardMetric, NodeConfig, RuleCode, RuleSettings } from './types';

export interface ConfigRuleInput {
  clusterId: string;
  expectedSize: number;
  observations: readonly NodeObservation[];
  /** The Primary component(s) of the assessment. */
  components: readonly Component[];
  configs: ReadonlyMap<string, NodeConfig>;
  /**
   * Nodes already on the split-off side of a split brain (suspected or confirmed): the split
   * brain alert names their address; a guard alert would be a second page for the same thing.
   */
  rogueNodeIds: ReadonlySet<string>;
}

const label = (o: NodeObservation) => `${o.name} (${o.address})`;
const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** The hosts a `gcomm://a:4567,b,c?opt=1` address lists (lower-case, ports and options cut). */
export function gcommHosts(address: string | null | undefined): string[] | null {
  if (address === null || address === undefined) return null;
  const m = /^gcomm:\/\/([^?]*)/i.exec(address.trim());
  if (!m) return null;
  return (m[1] ?? '')
    .split(',')
    .map((h) => hostOf(h))
    .filter((h) => h !== '');
}

/** `host:port` → host; `[::1]:4567` → ::1; `unix:/x` → ''. */
export function hostOf(address: string): string {
  const a = address.trim().toLowerCase().replace(/^tcp:\/\//, '');
  if (a === '' || a.startsWith('unix:')) return '';
  const v6 = /^\[([^\]]+)\]/.exec(a);
  if (v6) return v6[1] ?? '';
  return a.split(':')[0] ?? '';
}

function settingsOf(config: NodeConfig | undefined): { configured: GuardSettings | null; running: GuardSettings | null } {
  return { configured: config?.configured?.settings ?? null, running: config?.running ?? null };
}

/** The hosts that name a node itself: its inventory address and its wsrep_node_address. */
function selfHosts(o: NodeObservation, config: NodeConfig | undefined): Set<string> {
  const { configured, running } = settingsOf(config);
  return new Set(
    [hostOf(o.address), hostOf(configured?.wsrep_node_address ?? ''), hostOf(running?.wsrep_node_address ?? '')].filter((h) => h !== ''),
  );
}

/**
 * The configuration guard (GALERA.md §6, "early warnings"): per node, an empty or peerless
 * wsrep_cluster_address while its peers are alive (configured: the next restart; running: now),
 * a bootstrap flag left in the option files, pc.ignore_sb, innodb_flush_log_at_trx_commit ≠ 1;
 * per cluster, two nodes without an arbitrator.
 */
export function configConditions(input: ConfigRuleInput): Condition[] {
  const out: Condition[] = [];
  const live = input.observations.filter((o) => o.fresh && o.status?.reachable);
  const onNode = (rule: RuleCode, o: NodeObservation, summary: string, details: Record<string, unknown>, cause?: string): Condition => ({
    rule,
    fingerprint: `${rule}:${input.clusterId}:${o.nodeId}`,
    nodeId: o.nodeId,
    summary,
    details: { nodeNames: [o.name], nodeAddresses: [o.address], cause: cause ?? null, evidence: details },
  });

  for (const o of input.observations) {
    const config = input.configs.get(o.nodeId);
    const { configured, running } = settingsOf(config);
    const files = config?.configured?.files.filter((f) => f.readable).map((f) => f.path) ?? [];
    const inFiles = files.length > 0 ? ` (${files.join(', ')})` : '';

    const peers = live.filter((p) => p.nodeId !== o.nodeId);
    if (peers.length > 0 && !input.rogueNodeIds.has(o.nodeId)) {
      const problem = clusterAddressProblem(o, peers, input);
      if (problem) {
        const where = problem.source === 'configured' ? `its option files${inFiles} set` : 'it runs with';
        const when = problem.source === 'configured' ? 'on its next restart' : 'if it restarts or loses its peers';
        out.push(
          onNode(
            'config_cluster_address',
            o,
            `${label(o)}: ${where} wsrep_cluster_address=${problem.address} (${problem.kind === 'empty' ? 'empty' : 'none of its live peers'}) while ${list(peers.map((p) => p.name))} ${peers.length === 1 ? 'is' : 'are'} alive: ${when} it will bootstrap a separate cluster (split brain). Fix the address before anything restarts it.`,
            { source: problem.source, address: problem.address, kind: problem.kind, files },
            `wsrep_cluster_address=${problem.address} ${problem.source === 'configured' ? 'in the option files' : 'at run time'}`,
          ),
        );
      }
    }
    const bootstrap = configured?.providerOptions?.['pc.bootstrap'];
    const newCluster = configured?.wsrep_new_cluster;
    if (isTruthyOption(bootstrap) || (newCluster !== undefined && (newCluster === '' || isTruthyOption(newCluster)))) {
      const what = isTruthyOption(bootstrap) ? `pc.bootstrap=${bootstrap}` : 'wsrep_new_cluster';
      out.push(
        onNode(
          'config_bootstrap',
          o,
          `${label(o)}: ${what} is left in its option files${inFiles}: every start bootstraps a new cluster instead of joining. Remove it.`,
          { setting: what, files },
          `${what} in the option files`,
        ),
      );
    }
    const ignoreSb = [configured, running].find((s) => isTruthyOption(s?.providerOptions?.['pc.ignore_sb']));
    if (ignoreSb) {
      const source = ignoreSb === configured ? 'configured' : 'running';
      out.push(
        onNode(
          'config_ignore_sb',
          o,
          `${label(o)}: pc.ignore_sb=true (${source}): after a network partition both sides keep accepting writes — a split brain by configuration.`,
          { source },
          'pc.ignore_sb=true',
        ),
      );
    }
    const flush = [
      ['configured', configured?.innodb_flush_log_at_trx_commit],
      ['running', running?.innodb_flush_log_at_trx_commit],
    ].find(([, v]) => v !== undefined && v.trim() !== '1');
    if (flush) {
      out.push(
        onNode(
          'config_flush_log',
          o,
          `${label(o)}: innodb_flush_log_at_trx_commit=${flush[1]} (${flush[0]}): a crash of this node can lose its last second of commits.`,
          { source: flush[0], value: flush[1] },
        ),
      );
    }
  }

  const primary = input.components.find((c) => c.kind === 'primary');
  if (input.expectedSize === 2 && primary && (primary.size ?? 0) <= 2) {
    out.push({
      rule: 'two_node_no_arbitrator',
      fingerprint: `two_node_no_arbitrator:${input.clusterId}`,
      nodeId: null,
      summary: `The cluster has 2 nodes and no arbitrator (the Primary component has ${primary.size} member${primary.size === 1 ? '' : 's'}): losing either node or the link between them stops the cluster. Add garbd as a third member.`,
      details: { nodeNames: [], evidence: { primarySize: primary.size } },
    });
  }
  return out;
}

interface AddressProblem {
  source: 'configured' | 'running';
  address: string;
  kind: 'empty' | 'no_live_peer';
}

/**
 * Empty: no host after `gcomm://`, or only the node itself. No live peer: it lists hosts, but none
 * that any live peer is known by — its inventory host, its wsrep_node_address, or a host its own
 * cluster address lists (so a cluster whose addresses use names, not IPs, is not flagged).
 */
function clusterAddressProblem(o: NodeObservation, peers: readonly NodeObservation[], input: ConfigRuleInput): AddressProblem | undefined {
  const config = input.configs.get(o.nodeId);
  const { configured, running } = settingsOf(config);
  const self = selfHosts(o, config);
  const peerHosts = new Set<string>();
  for (const p of peers) {
    const pc = input.configs.get(p.nodeId);
    for (const h of selfHosts(p, pc)) peerHosts.add(h);
    const ps = settingsOf(pc);
    for (const addr of [ps.configured?.wsrep_cluster_address, ps.running?.wsrep_cluster_address, p.status?.clusterAddress]) {
      for (const h of gcommHosts(addr) ?? []) if (!self.has(h)) peerHosts.add(h);
    }
  }
  const candidates: Array<[AddressProblem['source'], string | null | undefined]> = [
    ['configured', configured?.wsrep_cluster_address],
    ['running', running?.wsrep_cluster_address ?? o.status?.clusterAddress],
  ];
  for (const [source, address] of candidates) {
    const hosts = gcommHosts(address);
    if (hosts === null || address === null || address === undefined) continue;
    const others = hosts.filter((h) => !self.has(h));
    if (others.length === 0) return { source, address: address.trim(), kind: 'empty' };
    if (peerHosts.size > 0 && !others.some((h) => peerHosts.has(h))) return { source, address: address.trim(), kind: 'no_live_peer' };
  }
  return undefined;
}

const METRIC_RULES: ReadonlyArray<[RuleCode, GuardMetric, (v: number, t: number) => string]> = [
  ['flow_control_paused', 'flow_control_paused', (v, t) => `replication paused by flow control ${(v * 100).toFixed(0)}% of the time (threshold ${(t * 100).toFixed(0)}%)`],
  ['recv_queue_high', 'recv_queue', (v, t) => `${v} write-sets waiting to be applied (threshold ${t})`],
  ['cert_failures_high', 'cert_failures_per_s', (v, t) => `${v.toFixed(2)} certification failures/s (threshold ${t}/s)`],
];

/** Threshold rules on the latest recent metric sample of each live node (their `for` is the duration). */
export function metricConditions(opts: {
  clusterId: string;
  observations: readonly NodeObservation[];
  metrics: ReadonlyMap<string, Partial<Record<GuardMetric, number>>>;
  settings: Readonly<Record<RuleCode, RuleSettings>>;
}): Condition[] {
  const out: Condition[] = [];
  for (const o of opts.observations) {
    if (!o.fresh || !o.status?.reachable) continue;
    const values = opts.metrics.get(o.nodeId);
    if (!values) continue;
    for (const [rule, metric, describe] of METRIC_RULES) {
      const v = values[metric];
      const threshold = opts.settings[rule].threshold;
      if (v === undefined || threshold === undefined || !(v > threshold)) continue;
      out.push({
        rule,
        fingerprint: `${rule}:${opts.clusterId}:${o.nodeId}`,
        nodeId: o.nodeId,
        summary: `${label(o)}: ${describe(v, threshold)}.`,
        details: { nodeNames: [o.name], nodeAddresses: [o.address], evidence: { metric, value: v, threshold } },
      });
    }
  }
  return out;
}
