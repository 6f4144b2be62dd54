import { severityRank, type AlertInstance, type AlertSeverity, type GroupState, type NotificationPolicy, type NotifiedState } from './types';

/** One notification of a cluster's group: everything firing now, and what resolved since the last. */
export interface GroupNotification {
  /** The n-th notification of this group (part of each delivery id). */
  seq: number;
  status: 'firing' | 'resolved';
  severity: AlertSeverity;
  firing: AlertInstance[];
  resolved: AlertInstance[];
}

export interface GroupDecision {
  group: GroupState;
  notification: GroupNotification | null;
  /** New notified states, by alert id. */
  notified: Map<string, NotifiedState>;
  /** When this group must be looked at again (group wait or interval ends, repeat due); null: not by time. */
  nextFlushAt: number | null;
}

/** Fires, is not inhibited by a cluster-level alert, and is not silenced. */
export function isNotifiable(a: AlertInstance): boolean {
  return a.state === 'firing' && a.inhibitedBy === null && a.silencedBy === null;
}

export function maxSeverity(alerts: readonly AlertInstance[]): AlertSeverity | null {
  let best: AlertSeverity | null = null;
  for (const a of alerts) if (severityRank(a.severity) > severityRank(best)) best = a.severity;
  return best;
}

/**
 * Grouping per cluster, as Alertmanager does it, plus escalation:
 * - a group with nothing notified yet waits `groupWaitMs` from its first news, then sends;
 * - after that, news waits until `groupIntervalMs` after the last notification — a storm of a
 *   thousand node alerts is one notification per channel per interval, each naming all of them;
 * - unless the news is MORE SEVERE than anything the channels were told is firing now: a split
 *   brain after a "node unreachable" warning pages at once (after `groupWaitMs`), and so does a
 *   new incident after the last one resolved;
 * - firing, unacknowledged alerts are repeated every `repeatIntervalMs`;
 * - a resolution is news only if the alert's firing was notified and it is not inhibited or
 *   silenced now; otherwise it is closed quietly.
 */
export function decideGroup(opts: {
  alerts: readonly AlertInstance[];
  group: GroupState;
  policy: NotificationPolicy;
  now: number;
}): GroupDecision {
  const { group: g, policy, now } = opts;
  const notified = new Map<string, NotifiedState>();
  // An alert already clearing (keeping firing against flapping) that was never notified is not news.
  const firingNow = opts.alerts.filter((a) => isNotifiable(a) && (a.clearedAt === null || a.notifiedState === 'firing'));
  const newFiring = firingNow.filter((a) => a.notifiedState !== 'firing');
  // A resolution is news if the firing was notified — unless the alert is now inhibited or
  // silenced: a node alert explained by a split brain ends quietly, not as a second page.
  const resolvedPending = opts.alerts.filter((a) => a.state === 'resolved' && a.notifiedState === 'firing' && a.inhibitedBy === null && a.silencedBy === null);
  for (const a of opts.alerts) {
    if (a.state === 'resolved' && a.notifiedState !== 'resolved' && !resolvedPending.includes(a)) notified.set(a.id, 'resolved');
  }
  const hasNews = newFiring.length > 0 || resolvedPending.length > 0;
  const unacked = firingNow.filter((a) => a.acknowledgedAt === null);
  const repeatAt = g.lastNotifiedAt !== null && unacked.length > 0 ? g.lastNotifiedAt + policy.repeatIntervalMs : null;
  const pendingSince = hasNews ? (g.pendingSince ?? now) : null;

  let flushAt: number | null = null;
  if (hasNews && pendingSince !== null) {
    // Compared with what the channels were told is firing NOW (not with the last message: a
    // critical that has since resolved must not hold back the next one).
    const escalates = severityRank(maxSeverity(newFiring)) > severityRank(maxSeverity(firingNow.filter((a) => a.notifiedState === 'firing')));
    flushAt =
      g.lastNotifiedAt === null || escalates
        ? pendingSince + policy.groupWaitMs
        : Math.max(pendingSince + policy.groupWaitMs, g.lastNotifiedAt + policy.groupIntervalMs);
  }
  if (repeatAt !== null) flushAt = flushAt === null ? repeatAt : Math.min(flushAt, repeatAt);

  if (flushAt === null || flushAt > now) {
    return { group: { ...g, pendingSince }, notification: null, notified, nextFlushAt: flushAt };
  }
  const status = firingNow.length > 0 ? 'firing' : 'resolved';
  const severity = (status === 'firing' ? maxSeverity(firingNow) : maxSeverity(resolvedPending)) ?? 'info';
  for (const a of newFiring) notified.set(a.id, 'firing');
  for (const a of resolvedPending) notified.set(a.id, 'resolved');
  const seq = g.seq + 1;
  const group: GroupState =
    firingNow.length > 0
      ? { seq, pendingSince: null, lastNotifiedAt: now }
      : { seq, pendingSince: null, lastNotifiedAt: null };
  return {
    group,
    notification: { seq, status, severity, firing: firingNow, resolved: resolvedPending },
    notified,
    nextFlushAt: unacked.length > 0 ? now + policy.repeatIntervalMs : null,
  };
}
