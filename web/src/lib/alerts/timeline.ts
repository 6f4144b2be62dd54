import type { Alert, ClusterEvent } from '../api/types';
import { nodesWords } from './words';

/**
 * Alerts on the cluster page's timeline, as entries of the same shape as the cluster's events (and
 * operations): one when the alert fired (with its severity), one when someone acknowledged it (by
 * whom), one when it resolved. Each names its alert (`data.alertId`) so the entry links to it. An
 * alert that cleared while still pending never fired: it has no entry.
 *
 * The control plane itself records two of these as cluster events — `alert_firing` and
 * `alert_resolved`, with `data.alertId` — so the entries take the same types (and add
 * `alert_acknowledged`, which it does not record), and a loaded alert's entries replace its
 * recorded events (`supersedeAlertEvents`): each fact once, acknowledgement included.
 */
export const ALERT_EVENT_TYPES = ['alert_firing', 'alert_acknowledged', 'alert_resolved'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export interface AlertEventData {
  alertId: string;
  /** "node3", "node1 and node2", or "" for a cluster-level alert. */
  nodes: string;
}

export function isAlertEvent(e: Pick<ClusterEvent, 'type'>): boolean {
  return (ALERT_EVENT_TYPES as readonly string[]).includes(e.type);
}

/** The alert an entry of the timeline belongs to, if any. */
export function alertOf(e: Pick<ClusterEvent, 'type' | 'data'>): AlertEventData | undefined {
  if (!isAlertEvent(e)) return undefined;
  // Recorded events carry `{alertId, rule, fingerprint}`: no node names.
  const d = e.data as Partial<AlertEventData> | null | undefined;
  return typeof d?.alertId === 'string' ? { alertId: d.alertId, nodes: typeof d.nodes === 'string' ? d.nodes : '' } : undefined;
}

/**
 * The timeline's entries for alerts. `who` names an actor id in words ("you (ana@example.com)",
 * "an API token"). Acknowledged and resolved are `info`: what is bad is the firing, which keeps
 * the alert's own severity.
 */
export function alertEvents(alerts: readonly Alert[], who: (actorId: string) => string): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (const a of alerts) {
    if (a.firedAt === null) continue;
    const data: AlertEventData = { alertId: a.id, nodes: nodesWords(a) };
    const base = { clusterId: a.clusterId, nodeId: a.nodeId, data };
    out.push({ ...base, id: `${a.id}:fired`, type: 'alert_firing', severity: a.severity, occurredAt: a.firedAt, message: a.summary || a.title });
    if (a.acknowledgedAt !== null) {
      const by = a.acknowledgedBy ? ` by ${who(a.acknowledgedBy)}` : '';
      out.push({ ...base, id: `${a.id}:acknowledged`, type: 'alert_acknowledged', severity: 'info', occurredAt: a.acknowledgedAt, message: `${a.title}: acknowledged${by}` });
    }
    if (a.resolvedAt !== null) {
      out.push({ ...base, id: `${a.id}:resolved`, type: 'alert_resolved', severity: 'info', occurredAt: a.resolvedAt, message: `${a.title}: resolved — the condition cleared` });
    }
  }
  return out;
}

/**
 * The cluster's recorded alert events, less those of the alerts loaded (their own entries say the
 * same, and more): a recorded event stays only for an alert outside what was loaded.
 */
export function supersedeAlertEvents(events: readonly ClusterEvent[], alerts: readonly Pick<Alert, 'id'>[]): ClusterEvent[] {
  if (alerts.length === 0) return [...events];
  const loaded = new Set(alerts.map((a) => a.id));
  return events.filter((e) => {
    const alert = alertOf(e);
    return !alert || !loaded.has(alert.alertId);
  });
}
