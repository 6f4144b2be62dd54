import { METRICS, type MetricName } from '../../../../protocol/src/metrics';

/**
 * The cluster page's charts: which metrics, in which order, with the units of the protocol's one
 * catalog (protocol/src/metrics.ts), so the agent, the API and the charts agree.
 */
export interface ChartSpec {
  metric: MetricName;
  title: string;
  unit: string;
  help: string;
}

const spec = (metric: MetricName, title: string): ChartSpec => ({ metric, title, unit: METRICS[metric].unit, help: METRICS[metric].help });

export const CHARTS: readonly ChartSpec[] = [
  spec('queries_per_s', 'Queries per second'),
  spec('connections', 'Connections'),
  spec('flow_control_paused', 'Flow control paused'),
  spec('replication_latency_s', 'Replication latency'),
  spec('recv_queue', 'Receive queue'),
  spec('send_queue', 'Send queue'),
  spec('cert_failures_per_s', 'Certification failures'),
];

/** What the node cards show as the node's current vitals (latest sample). */
export const VITALS = ['recv_queue', 'send_queue', 'flow_control_paused'] as const satisfies readonly MetricName[];

export interface Range {
  key: string;
  label: string;
  ms: number;
  /** How often the charts reload while this range is shown. */
  refreshMs: number;
}

const MIN = 60_000;
export const RANGES: readonly Range[] = [
  { key: '15m', label: '15 min', ms: 15 * MIN, refreshMs: 10_000 },
  { key: '1h', label: '1 hour', ms: 60 * MIN, refreshMs: 10_000 },
  { key: '6h', label: '6 hours', ms: 6 * 60 * MIN, refreshMs: 60_000 },
  { key: '24h', label: '24 hours', ms: 24 * 60 * MIN, refreshMs: 60_000 },
  { key: '7d', label: '7 days', ms: 7 * 24 * 60 * MIN, refreshMs: 300_000 },
];
export const DEFAULT_RANGE = RANGES[1]!;

export function rangeFor(key: string | null): Range {
  return RANGES.find((r) => r.key === key) ?? DEFAULT_RANGE;
}
