import { api } from '../api/client';
import { Live } from '../live.svelte';

/**
 * How many alerts fire with nobody on them, for the navigation's badge: one small request every
 * 15 s while the tab is visible (at most 100 counted; more reads "100+"). Pages that change an
 * alert call `refresh()` so the badge follows at once.
 */
export const firingAlerts = new Live(async (signal) => {
  const page = await api.get('/alerts', { query: { state: 'firing', limit: 100 }, signal });
  return { count: page.alerts.length, more: page.nextBefore !== null, critical: page.alerts.some((a) => a.severity === 'critical') };
}, 15_000);
