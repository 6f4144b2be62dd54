/**
 * The metrics the agent samples from `SHOW GLOBAL STATUS` (default every 10 s) and the cloud
 * stores as time series. One catalog, so the agent, the cloud's validation and the portal's
 * charts agree on names and units.
 *
 * - `gauge`: the status value as read.
 * - `counter`: a monotonically growing status value, sent as a per-second rate between two
 *   samples (`scale` converts units, e.g. ns/s → fraction of time). A restarted server (counter
 *   went down) yields no rate for that sample rather than a negative one.
 * - `latency`: `wsrep_evs_repl_latency` ("min/avg/max/stddev/samples" in seconds) → its average.
 */
export type MetricKind = 'gauge' | 'counter' | 'latency';

export interface MetricDefinition {
  /** The `SHOW GLOBAL STATUS` variable it is computed from. */
  readonly source: string;
  readonly kind: MetricKind;
  readonly unit: string;
  readonly help: string;
  /** Multiplier applied to the value (or rate) before sending. */
  readonly scale?: number;
}

export const METRICS = {
  queries_per_s: { source: 'Questions', kind: 'counter', unit: '1/s', help: 'Statements run by clients' },
  connections: { source: 'Threads_connected', kind: 'gauge', unit: '', help: 'Open client connections' },
  threads_running: { source: 'Threads_running', kind: 'gauge', unit: '', help: 'Threads running a statement' },
  slow_queries_per_s: { source: 'Slow_queries', kind: 'counter', unit: '1/s', help: 'Slow queries' },
  aborted_connects_per_s: { source: 'Aborted_connects', kind: 'counter', unit: '1/s', help: 'Failed connection attempts' },
  bytes_received_per_s: { source: 'Bytes_received', kind: 'counter', unit: 'B/s', help: 'Bytes from clients' },
  bytes_sent_per_s: { source: 'Bytes_sent', kind: 'counter', unit: 'B/s', help: 'Bytes to clients' },
  innodb_row_lock_waits_per_s: { source: 'Innodb_row_lock_waits', kind: 'counter', unit: '1/s', help: 'InnoDB row lock waits' },
  innodb_buffer_pool_reads_per_s: { source: 'Innodb_buffer_pool_reads', kind: 'counter', unit: '1/s', help: 'Buffer pool misses (disk reads)' },
  uptime_s: { source: 'Uptime', kind: 'gauge', unit: 's', help: 'Server uptime' },
  flow_control_paused: {
    source: 'wsrep_flow_control_paused_ns',
    kind: 'counter',
    unit: 'fraction',
    scale: 1e-9,
    help: 'Fraction of time replication was paused by flow control',
  },
  flow_control_sent_per_s: { source: 'wsrep_flow_control_sent', kind: 'counter', unit: '1/s', help: 'Flow-control pause requests this node sent' },
  flow_control_recv_per_s: { source: 'wsrep_flow_control_recv', kind: 'counter', unit: '1/s', help: 'Flow-control pause requests received' },
  recv_queue: { source: 'wsrep_local_recv_queue', kind: 'gauge', unit: '', help: 'Write-sets waiting to be applied' },
  send_queue: { source: 'wsrep_local_send_queue', kind: 'gauge', unit: '', help: 'Write-sets waiting to be sent' },
  cert_failures_per_s: { source: 'wsrep_local_cert_failures', kind: 'counter', unit: '1/s', help: 'Transactions that failed certification' },
  bf_aborts_per_s: { source: 'wsrep_local_bf_aborts', kind: 'counter', unit: '1/s', help: 'Local transactions aborted by replicated ones' },
  replicated_bytes_per_s: { source: 'wsrep_replicated_bytes', kind: 'counter', unit: 'B/s', help: 'Write-set bytes replicated' },
  received_bytes_per_s: { source: 'wsrep_received_bytes', kind: 'counter', unit: 'B/s', help: 'Write-set bytes received' },
  commits_per_s: { source: 'wsrep_local_commits', kind: 'counter', unit: '1/s', help: 'Write-sets committed locally' },
  cert_deps_distance: { source: 'wsrep_cert_deps_distance', kind: 'gauge', unit: '', help: 'Potential parallel apply' },
  replication_latency_s: { source: 'wsrep_evs_repl_latency', kind: 'latency', unit: 's', help: 'Group communication round-trip (average)' },
  last_committed: { source: 'wsrep_last_committed', kind: 'gauge', unit: 'seqno', help: 'Last committed seqno' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/** A reading of the status variables the catalog needs, at one moment. */
export interface StatusReading {
  /** Milliseconds since the epoch when the status was read. */
  readonly at: number;
  readonly status: Readonly<Record<string, string | null | undefined>>;
}

/**
 * Computes the catalog's metrics from two consecutive readings (`previous` may be missing for the
 * first one: counters then yield nothing yet).
 *
 * @example
 * computeMetrics({ at: 0, status: { Questions: '100' } }, { at: 10_000, status: { Questions: '150' } }).queries_per_s // 5
 */
export function computeMetrics(
  previous: StatusReading | undefined,
  current: StatusReading,
): Partial<Record<MetricName, number>> {
  const out: Partial<Record<MetricName, number>> = {};
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  for (const name of METRIC_NAMES) {
    const def: MetricDefinition = METRICS[name];
    const raw = current.status[def.source];
    if (raw === undefined || raw === null || raw === '') continue;
    const scale = def.scale ?? 1;
    let value: number | undefined;
    if (def.kind === 'gauge') {
      value = Number(raw);
    } else if (def.kind === 'latency') {
      value = Number(raw.split('/')[1]);
    } else {
      const before = previous?.status[def.source];
      if (before === undefined || before === null || seconds <= 0) continue;
      const delta = Number(raw) - Number(before);
      if (delta < 0) continue; // server restarted: counters began again
      value = delta / seconds;
    }
    if (value !== undefined && Number.isFinite(value)) out[name] = value * scale;
  }
  return out;
}
