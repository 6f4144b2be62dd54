import { isAlertEvent } from '../alerts/timeline';
import type { ClusterEvent, Severity } from '../api/types';
import type { Marker } from '../charts/markers';

/** Timeline words for the cluster event types the cloud records. */
export const EVENT_TYPES: Record<string, string> = {
  node_state_changed: 'Node state',
  split_brain_suspected: 'Split brain suspected',
  split_brain_detected: 'Split brain detected',
  split_brain_resolved: 'Split brain resolved',
  health_changed: 'Health changed',
  agent_offline: 'Agent offline',
  operation_started: 'Operation asked for',
  operation_finished: 'Operation finished',
  alert_firing: 'Alert fired',
  alert_acknowledged: 'Alert acknowledged',
  alert_resolved: 'Alert resolved',
};

export function eventTypeLabel(type: string): string {
  return EVENT_TYPES[type] ?? type.replace(/_/g, ' ');
}

/** Newest first, each event once (pages of the timeline overlap while new events arrive). */
export function mergeEvents(...lists: ReadonlyArray<readonly ClusterEvent[]>): ClusterEvent[] {
  const byId = new Map<string, ClusterEvent>();
  for (const list of lists) for (const e of list) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.occurredAt - a.occurredAt || (a.id < b.id ? 1 : -1));
}

/** Which entries the timeline shows: alerts with the rest, alone, or none. */
export type AlertsFilter = 'with' | 'only' | 'without';

export interface TimelineFilter {
  severity: Severity | 'all';
  kind: string;
  alerts: AlertsFilter;
}

/** The entries a timeline's filters let through, in their order. */
export function filterEvents(events: readonly ClusterEvent[], f: TimelineFilter): ClusterEvent[] {
  return events.filter(
    (e) =>
      (f.severity === 'all' || e.severity === f.severity) &&
      (f.kind === 'all' || e.type === f.kind) &&
      (f.alerts === 'with' || (f.alerts === 'only') === isAlertEvent(e)),
  );
}

const SEVERITY_TONE: Record<Severity, Marker['tone']> = { critical: 'bad', warning: 'warn', info: 'unknown' };

/**
 * Chart markers for the events worth seeing against the metrics: every event and operation (a
 * dashed line), each alert that fired (a solid line under a filled flag, in its severity's
 * colour) and each that resolved (a hollow flag). An acknowledgement changes nothing the charts
 * show: no marker.
 */
export function eventMarkers(events: readonly ClusterEvent[]): Marker[] {
  const out: Marker[] = [];
  for (const e of events) {
    const label = `${eventTypeLabel(e.type)}: ${e.message}`;
    const at = e.occurredAt / 1000;
    if (e.type === 'alert_firing') out.push({ at, tone: SEVERITY_TONE[e.severity], label, shape: 'alert-fired' });
    else if (e.type === 'alert_resolved') out.push({ at, tone: 'ok', label, shape: 'alert-resolved' });
    else if (!isAlertEvent(e)) {
      const tone = e.type.startsWith('split_brain') && e.type !== 'split_brain_resolved' ? 'bad' : e.severity === 'critical' ? 'bad' : e.severity === 'warning' ? 'warn' : 'ok';
      out.push({ at, tone, label, shape: 'event' });
    }
  }
  return out;
}
