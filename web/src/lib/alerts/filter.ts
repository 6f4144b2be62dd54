import type { Severity } from '../api/types';

/**
 * The alerts page's filters, kept in the URL (`/alerts?state=firing&clusterId=…&severity=critical`)
 * so a link from a cluster tile or a Slack message opens the same view. Unknown values fall back
 * to the defaults rather than failing the page.
 */
export const STATE_FILTERS = [
  { value: 'active', label: 'Active' },
  { value: 'firing', label: 'Firing' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'pending', label: 'Pending' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number]['value'];
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export interface AlertFilter {
  state: StateFilter;
  clusterId: string | undefined;
  severity: Severity | undefined;
}

const CLUSTER_ID = /^clu_[0-9A-Za-z]{1,40}$/;

export function parseFilter(params: URLSearchParams): AlertFilter {
  const state = params.get('state');
  const severity = params.get('severity');
  const clusterId = params.get('clusterId');
  return {
    state: STATE_FILTERS.some((s) => s.value === state) ? (state as StateFilter) : 'active',
    clusterId: clusterId && CLUSTER_ID.test(clusterId) ? clusterId : undefined,
    severity: SEVERITIES.includes(severity as Severity) ? (severity as Severity) : undefined,
  };
}

/** The URL's query for a filter: defaults left out, so the plain `/alerts` is the active list. */
export function filterSearch(f: AlertFilter): string {
  const q = new URLSearchParams();
  if (f.state !== 'active') q.set('state', f.state);
  if (f.clusterId) q.set('clusterId', f.clusterId);
  if (f.severity) q.set('severity', f.severity);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Live states are read worst first; history (resolved, all) newest first, as pages arrive. */
export function worstFirst(f: AlertFilter): boolean {
  return f.state !== 'resolved' && f.state !== 'all';
}

/** What the empty list says for this filter. */
export function emptyWords(f: AlertFilter): string {
  const scope = f.severity ? ` ${f.severity}` : '';
  switch (f.state) {
    case 'active':
      return `No active${scope} alerts`;
    case 'firing':
      return `No${scope} alert is firing unacknowledged`;
    case 'acknowledged':
      return `No acknowledged${scope} alerts`;
    case 'pending':
      return `No pending${scope} alerts`;
    case 'resolved':
      return `No resolved${scope} alerts yet`;
    case 'all':
      return `No${scope} alerts yet`;
  }
}
