import type { AlertInstance, AlertState, Condition, RuleCode, RuleSettings } from './types';

export interface Transition {
  alert: AlertInstance;
  from: AlertState | 'none';
  to: AlertState | 'dropped';
}

/**
 * Moves each alert one step on its clock:
 *
 *   (condition appears) → pending ──(held for `forMs`)──▶ firing ──(cleared for `keepFiringForMs`)──▶ resolved
 *                          │                               ▲   │
 *                          └─(cleared before firing)─▶ dropped  └─(comes back while keeping)─ stays firing
 *
 * A pending alert that clears was never an incident and is dropped. A firing alert whose condition
 * clears keeps firing for `keepFiringForMs` (a flapping node is one alert, not a stream); if the
 * condition comes back meanwhile, nothing was ever resolved. Resolved alerts are passed through
 * untouched (their resolution may still have to be notified); a condition that returns after
 * resolution is a new alert.
 */
export function advanceAlerts(opts: {
  existing: readonly AlertInstance[];
  conditions: readonly Condition[];
  settings: Readonly<Record<RuleCode, RuleSettings>>;
  now: number;
  newId: () => string;
}): { alerts: AlertInstance[]; transitions: Transition[] } {
  const { now } = opts;
  const active = new Map(opts.existing.filter((a) => a.state !== 'resolved').map((a) => [a.fingerprint, a]));
  const alerts: AlertInstance[] = opts.existing.filter((a) => a.state === 'resolved').map((a) => ({ ...a }));
  const transitions: Transition[] = [];
  const seen = new Set<string>();

  for (const c of opts.conditions) {
    if (seen.has(c.fingerprint)) continue;
    seen.add(c.fingerprint);
    const s = opts.settings[c.rule];
    const before = active.get(c.fingerprint);
    const base = before
      ? { ...before, summary: c.summary, details: c.details, severity: s.severity, nodeId: c.nodeId }
      : newAlert(c, s, now, opts.newId());
    if (base.state === 'pending' && now - base.startedAt >= s.forMs) {
      base.state = 'firing';
      base.firedAt = now;
    } else if (base.state === 'firing') {
      base.clearedAt = null;
    }
    if (!before || before.state !== base.state) transitions.push({ alert: base, from: before?.state ?? 'none', to: base.state });
    alerts.push(base);
  }

  for (const before of active.values()) {
    if (seen.has(before.fingerprint)) continue;
    if (before.state === 'pending') {
      transitions.push({ alert: before, from: 'pending', to: 'dropped' });
      continue;
    }
    const keepFor = opts.settings[before.rule]?.keepFiringForMs ?? 0;
    const next = { ...before, clearedAt: before.clearedAt ?? now };
    if (now - next.clearedAt >= keepFor) {
      next.state = 'resolved';
      next.resolvedAt = now;
      transitions.push({ alert: next, from: 'firing', to: 'resolved' });
    }
    alerts.push(next);
  }
  return { alerts, transitions };
}

function newAlert(c: Condition, s: RuleSettings, now: number, id: string): AlertInstance {
  return {
    id,
    fingerprint: c.fingerprint,
    rule: c.rule,
    nodeId: c.nodeId,
    severity: s.severity,
    summary: c.summary,
    details: c.details,
    state: 'pending',
    startedAt: now,
    firedAt: null,
    clearedAt: null,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    notifiedState: 'none',
    inhibitedBy: null,
    silencedBy: null,
  };
}

/** When the passage of time alone next changes an alert (it fires, or it resolves). */
export function nextAlertTransitionAt(alerts: readonly AlertInstance[], settings: Readonly<Record<RuleCode, RuleSettings>>): number | null {
  let next: number | null = null;
  const consider = (t: number) => (next = next === null ? t : Math.min(next, t));
  for (const a of alerts) {
    const s = settings[a.rule];
    if (!s) continue;
    if (a.state === 'pending') consider(a.startedAt + s.forMs);
    else if (a.state === 'firing' && a.clearedAt !== null) consider(a.clearedAt + s.keepFiringForMs);
  }
  return next;
}
