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

/** One page of a cluster's alerts, newest first (alert ids grow with the time the alert began). */
export type AlertPageLoader = (before: string | undefined, limit: number) => Promise<{ alerts: Alert[]; nextBefore: string | null }>;

/** At most this many alerts join the cluster page's timeline and charts. */
export const TIMELINE_ALERTS_MAX = 200;

/**
 * The alerts that began since `since` (ms), newest first — and the rest of the page that reaches
 * past it, which holds alerts that began earlier but may have fired, been acknowledged or
 * resolved since — following `nextBefore`, `PAGE` at a time, at most `max`. `capped`: there are
 * more, unseen, that may matter (the bound was reached before `since`).
 */
export async function loadAlertsSince(loadPage: AlertPageLoader, since: number, max = TIMELINE_ALERTS_MAX): Promise<{ alerts: Alert[]; capped: boolean }> {
  const alerts: Alert[] = [];
  let before: string | undefined;
  while (alerts.length < max) {
    const page = await loadPage(before, Math.min(PAGE, max - alerts.length));
    alerts.push(...page.alerts);
    if (!page.nextBefore || page.alerts.length === 0 || page.alerts.some((a) => a.startedAt < since)) return { alerts, capped: false };
    before = page.nextBefore;
  }
  return { alerts, capped: true };
}

/** A cluster's alerts of every state, a page at a time, for `loadAlertsSince`. */
export function clusterAlertPages(clusterId: string, signal?: AbortSignal): AlertPageLoader {
  return (before, limit) =>
    api.get('/alerts', { query: { state: 'all', clusterId, limit, ...(before ? { before } : {}) }, ...(signal ? { signal } : {}) });
}
