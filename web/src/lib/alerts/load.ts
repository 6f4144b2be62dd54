import { api } from '../api/client';
import type { Alert } from '../api/types';
import type { AlertFilter } from './filter';

/** Alerts per "Show older": the list grows by this many. */
export const PAGE = 50;

/**
 * The newest `want` alerts of a filter, following `nextBefore` from page to page (the API gives at
 * most 200 at a time). The live list reloads all it shows on each poll, so an alert that changes
 * state or arrives while older pages are open neither goes stale nor opens a gap between pages.
 */
export async function loadAlerts(f: AlertFilter, want: number, signal?: AbortSignal): Promise<{ alerts: Alert[]; more: boolean }> {
  const alerts: Alert[] = [];
  let before: string | undefined;
  while (alerts.length < want) {
    const page = await api.get('/alerts', {
      query: {
        state: f.state,
        limit: Math.min(200, want - alerts.length),
        ...(f.clusterId ? { clusterId: f.clusterId } : {}),
        ...(f.severity ? { severity: f.severity } : {}),
        ...(before ? { before } : {}),
      },
      ...(signal ? { signal } : {}),
    });
    alerts.push(...page.alerts);
    if (!page.nextBefore) return { alerts, more: false };
    before = page.nextBefore;
  }
  return { alerts, more: true };
}
