import type { ActiveAlertCounts, Alert, AlertDelivery, AlertState, ChannelType, Severity, Silence } from '../api/types';
import type { Look, Tone } from '../galera/vocabulary';
import { listWords } from '../format';

/**
 * Alerts in the portal's one vocabulary: every state, severity and delivery result a word, a tone
 * and an icon (never colour alone), and the order an on-call engineer reads them in.
 */
export const SEVERITY_LOOK: Record<Severity, Look> = {
  critical: { word: 'Critical', tone: 'bad', icon: 'stop' },
  warning: { word: 'Warning', tone: 'warn', icon: 'alert' },
  info: { word: 'Info', tone: 'unknown', icon: 'question' },
};

/** Firing takes its severity's colour: a firing "info" is not a red page. */
export function stateLook(state: AlertState, severity: Severity): Look {
  switch (state) {
    case 'firing':
      return { word: 'Firing', tone: SEVERITY_LOOK[severity].tone, icon: 'alert' };
    case 'acknowledged':
      return { word: 'Acknowledged', tone: 'warn', icon: 'check' };
    case 'pending':
      return { word: 'Pending', tone: 'unknown', icon: 'sync' };
    case 'resolved':
      return { word: 'Resolved', tone: 'ok', icon: 'check' };
  }
}

const STATE_RANK: Record<AlertState, number> = { firing: 0, acknowledged: 1, pending: 2, resolved: 3 };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** When the alert's current state began: fired, or first seen while pending, or resolved. */
export function sinceOf(a: Pick<Alert, 'state' | 'startedAt' | 'firedAt' | 'resolvedAt'>): number {
  if (a.state === 'resolved') return a.resolvedAt ?? a.firedAt ?? a.startedAt;
  if (a.state === 'pending') return a.startedAt;
  return a.firedAt ?? a.startedAt;
}

/**
 * Worst first: what nobody has taken yet, then what someone took, then what may still fire, then
 * history; within each, critical before warning before info, then the most recent.
 */
export function compareWorstFirst(a: Alert, b: Alert): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    sinceOf(b) - sinceOf(a) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** Whether an alert can still be acted on (acknowledged, silenced). */
export function isActive(a: Pick<Alert, 'state'>): boolean {
  return a.state !== 'resolved';
}

/** "2 firing · 1 acknowledged · 1 pending", or null when nothing is active. */
export function countsWords(c: ActiveAlertCounts): string | null {
  const parts = [
    c.firing > 0 ? `${c.firing} firing` : '',
    c.acknowledged > 0 ? `${c.acknowledged} acknowledged` : '',
    c.pending > 0 ? `${c.pending} pending` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The colour of a cluster's active alerts: the worst severity firing (pending ones are grey). */
export function countsTone(c: ActiveAlertCounts): Tone {
  if (c.bySeverity.critical > 0) return 'bad';
  if (c.bySeverity.warning > 0) return 'warn';
  if (c.bySeverity.info > 0 || c.pending > 0) return 'unknown';
  return 'ok';
}

/** "node3", "node1 and node2", or "" for a cluster-level alert. */
export function nodesWords(a: Pick<Alert, 'nodeNames'>): string {
  return listWords(a.nodeNames);
}

/** Where: "shop-prod · node3". */
export function whereWords(a: Pick<Alert, 'clusterName' | 'clusterId' | 'nodeNames'>): string {
  const nodes = nodesWords(a);
  return `${a.clusterName ?? a.clusterId}${nodes ? ` · ${nodes}` : ''}`;
}

export const CHANNEL_TYPE: Record<ChannelType, { word: string; icon: 'mail' | 'hash' | 'link' }> = {
  email: { word: 'Email', icon: 'mail' },
  slack: { word: 'Slack', icon: 'hash' },
  webhook: { word: 'Webhook', icon: 'link' },
};

/** A delivery's result: delivered, retrying (with attempts so far), queued, sending, failed. */
export function deliveryLook(d: Pick<AlertDelivery, 'state' | 'attempts'>): Look {
  switch (d.state) {
    case 'delivered':
      return { word: 'Delivered', tone: 'ok', icon: 'check' };
    case 'failed':
      return { word: 'Failed', tone: 'bad', icon: 'stop' };
    case 'sending':
      return { word: 'Sending', tone: 'warn', icon: 'sync' };
    case 'pending':
      return d.attempts > 0 ? { word: 'Retrying', tone: 'warn', icon: 'sync' } : { word: 'Queued', tone: 'unknown', icon: 'sync' };
  }
}

export interface TimelineEntry {
  at: number;
  word: string;
  detail?: string;
  tone: Tone;
}

/**
 * An alert's life in order: first seen (pending), fired, acknowledged (by whom), resolved.
 * `who` names an actor id (you, a member's email, an API token).
 */
export function alertTimeline(a: Alert, who: (id: string) => string): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const fired = a.firedAt;
  if (fired === null || fired > a.startedAt) {
    entries.push({ at: a.startedAt, word: 'Condition seen', detail: 'pending: the rule waits for its “for” time before it fires', tone: 'unknown' });
  }
  if (fired !== null) entries.push({ at: fired, word: 'Fired', detail: `${SEVERITY_LOOK[a.severity].word} — notifications go out`, tone: SEVERITY_LOOK[a.severity].tone });
  if (a.acknowledgedAt !== null) {
    const by = a.acknowledgedBy ? `by ${who(a.acknowledgedBy)} — ` : '';
    entries.push({ at: a.acknowledgedAt, word: 'Acknowledged', detail: `${by}no more repeats`, tone: 'warn' });
  }
  if (a.resolvedAt !== null) entries.push({ at: a.resolvedAt, word: 'Resolved', detail: 'the condition cleared', tone: 'ok' });
  return entries.sort((x, y) => x.at - y.at);
}

/** "0 s", "30 s", "10 min", "4 h", "1 d 2 h" — rule timings and silence lengths. */
export function durationWords(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const restMin = minutes % 60;
  if (hours < 24) return restMin ? `${hours} h ${restMin} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const restH = hours % 24;
  return restH ? `${days} d ${restH} h` : `${days} d`;
}

/** The silence lengths offered first; "custom" takes any length up to the API's 30 days. */
export const SILENCE_PRESETS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '24 hours' },
];
export const MAX_SILENCE_MINUTES = 30 * 24 * 60;
export const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;
export type DurationUnit = keyof typeof UNIT_MINUTES;

/** A custom length in minutes, or an error in words when the API would refuse it. */
export function customMinutes(value: number, unit: DurationUnit): { minutes: number } | { error: string } {
  const minutes = Math.round(value * UNIT_MINUTES[unit]);
  if (!Number.isFinite(value) || minutes < 1) return { error: 'Choose a length of at least 1 minute.' };
  if (minutes > MAX_SILENCE_MINUTES) return { error: 'A silence lasts at most 30 days.' };
  return { minutes };
}

/** Who an actor id is, in words: API tokens are not people. */
export function actorWords(id: string, person: (id: string) => string): string {
  return id.startsWith('tok_') ? 'an API token' : person(id);
}

export interface EvidenceRow {
  label: string;
  /** `lines`: one line per entry of a list or an object (a component, a node's setting). */
  kind: 'text' | 'time' | 'lines';
  text: string;
  lines?: string[];
  /** For `time`: the instant (ms). */
  at?: number;
}

/** "clusterSize" → "cluster size"; "pc_bootstrap" → "pc bootstrap". */
export function fieldWords(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

const TIME_KEY = /^(since|at)$|[a-z](At|Since)$/;

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ');
  return undefined;
}

/** An object on one line: "nodes: node1, node2 · size: 2 · conf id: 8". */
function inline(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${fieldWords(k)}: ${scalar(x) ?? JSON.stringify(x)}`)
      .join(' · ');
  }
  return scalar(v) ?? JSON.stringify(v);
}

/**
 * An alert's evidence as rows to read: names in words, lists joined, instants as times, a list of
 * objects (the components of a split brain) or an object (each node's address) one line per entry.
 * Nothing is dropped — the evidence is what the engine saw — except `omit` (said elsewhere).
 */
export function evidenceRows(evidence: unknown, omit: readonly string[] = []): EvidenceRow[] {
  if (!evidence || typeof evidence !== 'object' || Array.isArray(evidence)) return [];
  return Object.entries(evidence as Record<string, unknown>)
    .filter(([key, v]) => v !== null && v !== undefined && v !== '' && !omit.includes(key))
    .map(([key, v]): EvidenceRow => {
      const label = fieldWords(key);
      if (typeof v === 'number' && TIME_KEY.test(key) && v > 1e12) return { label, kind: 'time', text: new Date(v).toISOString(), at: v };
      const flat = scalar(v);
      if (flat !== undefined) return { label, kind: 'text', text: flat };
      const lines = Array.isArray(v) ? v.map(inline) : Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${inline(x)}`);
      return { label, kind: 'lines', text: lines.join('\n'), lines };
    });
}

/** A silence's scope in words: "shop-prod · node3 · Split brain", "every cluster · Split brain". */
export function silenceScope(
  s: Pick<Silence, 'clusterId' | 'nodeId' | 'rule'>,
  names: { cluster: (id: string) => string | undefined; node: (id: string) => string | undefined; rule: (code: string) => string | undefined },
): string {
  const parts = [
    s.clusterId ? (names.cluster(s.clusterId) ?? s.clusterId) : 'every cluster',
    s.nodeId ? (names.node(s.nodeId) ?? s.nodeId) : '',
    s.rule ? (names.rule(s.rule) ?? s.rule) : 'every alert',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Active now, scheduled for later, or over. */
export function silenceLook(s: Pick<Silence, 'active' | 'startsAt' | 'endsAt'>, now: number): Look {
  if (s.active) return { word: 'Active', tone: 'warn', icon: 'mute' };
  if (s.startsAt > now) return { word: 'Scheduled', tone: 'unknown', icon: 'sync' };
  return { word: 'Ended', tone: 'unknown', icon: 'check' };
}
