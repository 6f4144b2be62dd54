import type { ClusterEvent } from '../api/types';
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

/** Chart markers for the events worth seeing against the metrics. */
export function eventMarkers(events: readonly ClusterEvent[]): Marker[] {
  return events.map((e) => ({
    at: e.occurredAt / 1000,
    tone: e.type.startsWith('split_brain') && e.type !== 'split_brain_resolved' ? 'bad' : e.severity === 'critical' ? 'bad' : e.severity === 'warning' ? 'warn' : 'ok',
    label: `${eventTypeLabel(e.type)}: ${e.message}`,
  }));
}
