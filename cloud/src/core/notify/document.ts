import type { GroupNotification } from '../alerts/grouping';
import { RULES } from '../alerts/rules';
import type { AlertInstance, AlertSeverity, RuleCode } from '../alerts/types';

/** At most this many alerts of each list are described in full; the counts are always exact. */
export const MAX_LISTED_ALERTS = 50;

export interface NotifiedAlert {
  id: string;
  rule: RuleCode;
  title: string;
  severity: AlertSeverity;
  nodeNames: string[];
  nodeAddresses: string[];
  summary: string;
  cause: string | null;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  acknowledged: boolean;
  /** What to do now that it resolved (split brain: resynchronize the side that split off). */
  resolvedHint?: string;
}

/**
 * What one notification says, stored with each delivery in the outbox and rendered per channel
 * (Slack blocks, an email, a signed webhook body). Self-contained: the alerts may change after it
 * was decided, the message stays what was decided.
 */
export interface NotificationDocument {
  version: 1;
  kind: 'alerts' | 'test';
  status: 'firing' | 'resolved' | 'test';
  severity: AlertSeverity;
  cluster: { id: string; name: string } | null;
  /** The group's n-th notification. */
  seq: number;
  firingCount: number;
  resolvedCount: number;
  firing: NotifiedAlert[];
  resolved: NotifiedAlert[];
  createdAt: number;
}

export function notifiedAlert(a: AlertInstance): NotifiedAlert {
  const rule = RULES[a.rule];
  return {
    id: a.id,
    rule: a.rule,
    title: rule.title,
    severity: a.severity,
    nodeNames: a.details.nodeNames ?? [],
    nodeAddresses: a.details.nodeAddresses ?? [],
    summary: a.summary,
    cause: a.details.cause ?? null,
    startedAt: a.startedAt,
    firedAt: a.firedAt,
    resolvedAt: a.resolvedAt,
    acknowledged: a.acknowledgedAt !== null,
    ...(a.state === 'resolved' && rule.resolvedHint ? { resolvedHint: rule.resolvedHint } : {}),
  };
}

const bySeverity = (a: AlertInstance, b: AlertInstance) =>
  rank(b.severity) - rank(a.severity) || (a.firedAt ?? a.startedAt) - (b.firedAt ?? b.startedAt) || a.fingerprint.localeCompare(b.fingerprint);
const rank = (s: AlertSeverity) => (s === 'critical' ? 3 : s === 'warning' ? 2 : 1);

export function buildDocument(n: GroupNotification, cluster: { id: string; name: string }, createdAt: number): NotificationDocument {
  return {
    version: 1,
    kind: 'alerts',
    status: n.status,
    severity: n.severity,
    cluster,
    seq: n.seq,
    firingCount: n.firing.length,
    resolvedCount: n.resolved.length,
    firing: [...n.firing].sort(bySeverity).slice(0, MAX_LISTED_ALERTS).map(notifiedAlert),
    resolved: [...n.resolved].sort(bySeverity).slice(0, MAX_LISTED_ALERTS).map(notifiedAlert),
    createdAt,
  };
}

/** The message a channel's test-send delivers. */
export function testDocument(createdAt: number): NotificationDocument {
  return { version: 1, kind: 'test', status: 'test', severity: 'info', cluster: null, seq: 0, firingCount: 0, resolvedCount: 0, firing: [], resolved: [], createdAt };
}

/** The alert a message leads with: the most severe firing one, else the most severe resolved one. */
export function headline(doc: NotificationDocument): NotifiedAlert | undefined {
  return doc.status === 'firing' ? doc.firing[0] : doc.resolved[0];
}

/** `Split brain on shop-prod (node3)` */
export function title(doc: NotificationDocument): string {
  if (doc.kind === 'test') return 'Test notification from Quorum';
  const lead = headline(doc);
  const nodes = lead && lead.nodeNames.length > 0 ? ` (${lead.nodeNames.slice(0, 3).join(', ')}${lead.nodeNames.length > 3 ? ', …' : ''})` : '';
  const others = (doc.status === 'firing' ? doc.firingCount : doc.resolvedCount) - 1;
  return `${lead?.title ?? 'Alerts'} on ${doc.cluster?.name ?? 'a cluster'}${nodes}${others > 0 ? ` and ${others} more` : ''}`;
}

export function statusWord(doc: NotificationDocument): string {
  if (doc.kind === 'test') return 'TEST';
  return doc.status === 'resolved' ? 'RESOLVED' : doc.severity.toUpperCase();
}

/** The portal page of the cluster: `${publicUrl}/clusters/<id>`. */
export function clusterUrl(publicUrl: string, doc: NotificationDocument): string {
  const base = publicUrl.replace(/\/+$/, '');
  return doc.cluster ? `${base}/clusters/${doc.cluster.id}` : base;
}
