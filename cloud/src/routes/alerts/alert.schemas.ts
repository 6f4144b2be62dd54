import { z } from '@hono/zod-openapi';
import { ALERT_SEVERITIES, RULE_CODES, RULES, type AlertDetails, type RuleCode } from '../../core/alerts/index';
import type { AlertWithCluster } from '../../db/repos/alerts.repo';
import { parseJson } from '../../db/repos/queryable';
import { millis } from '../../http/openapi';

export const ruleCodeSchema = z.enum(RULE_CODES).openapi({ description: 'A rule code (GET /alert-rules lists them)' });
export const severitySchema = z.enum(ALERT_SEVERITIES);
export const clusterIdField = z.string().regex(/^clu_[0-9A-Za-z]{1,40}$/, 'not a cluster id');

export const alertSchema = z
  .object({
    id: z.string(),
    rule: ruleCodeSchema,
    title: z.string(),
    state: z.enum(['pending', 'firing', 'acknowledged', 'resolved']).describe('`acknowledged`: firing, and someone took it'),
    severity: severitySchema,
    clusterId: z.string(),
    clusterName: z.string().nullable(),
    nodeId: z.string().nullable(),
    nodeNames: z.array(z.string()).describe('The node(s) the alert names — for a split brain, the rogue side'),
    summary: z.string(),
    cause: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    startedAt: millis,
    firedAt: millis.nullable(),
    resolvedAt: millis.nullable(),
    acknowledgedAt: millis.nullable(),
    acknowledgedBy: z.string().nullable(),
    silencedBy: z.string().nullable().describe('The silence or maintenance window holding its notifications back'),
    inhibitedBy: z.string().nullable().describe('The fingerprint of the cluster-level alert that explains it (not notified on its own)'),
  })
  .openapi('Alert');
export type AlertView = z.infer<typeof alertSchema>;

export function alertView({ alert: a, clusterName }: AlertWithCluster): AlertView {
  const details = parseJson<AlertDetails>(a.details) ?? { nodeNames: [] };
  const rule = a.rule as RuleCode;
  return {
    id: a.id,
    rule,
    title: RULES[rule]?.title ?? a.rule,
    state: a.state === 'firing' && a.acknowledgedAt ? 'acknowledged' : a.state,
    severity: a.severity,
    clusterId: a.clusterId,
    clusterName,
    nodeId: a.nodeId,
    nodeNames: details.nodeNames ?? [],
    summary: a.summary,
    cause: details.cause ?? null,
    details: details as unknown as Record<string, unknown>,
    startedAt: a.startedAt.getTime(),
    firedAt: a.firedAt?.getTime() ?? null,
    resolvedAt: a.resolvedAt?.getTime() ?? null,
    acknowledgedAt: a.acknowledgedAt?.getTime() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    silencedBy: a.silencedBy,
    inhibitedBy: a.inhibitedBy,
  };
}

export const silenceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['silence', 'maintenance']).describe('A maintenance window also makes a node’s not-Synced state expected (a Donor during a backup)'),
    clusterId: z.string().nullable(),
    nodeId: z.string().nullable(),
    rule: z.string().nullable(),
    startsAt: millis,
    endsAt: millis,
    reason: z.string(),
    createdBy: z.string(),
    createdAt: millis,
    active: z.boolean(),
  })
  .openapi('Silence');

export function silenceView(
  r: { id: string; kind: 'silence' | 'maintenance'; clusterId: string | null; nodeId: string | null; rule: string | null; startsAt: Date; endsAt: Date; reason: string; createdBy: string; createdAt: Date },
  now: number,
): z.infer<typeof silenceSchema> {
  return {
    id: r.id,
    kind: r.kind,
    clusterId: r.clusterId,
    nodeId: r.nodeId,
    rule: r.rule,
    startsAt: r.startsAt.getTime(),
    endsAt: r.endsAt.getTime(),
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: r.createdAt.getTime(),
    active: r.startsAt.getTime() <= now && now < r.endsAt.getTime(),
  };
}

/** Who did it, for acknowledgements and silences: the user, or the API token (by its creator). */
export function actorOf(principal: { kind: 'user'; userId: string } | { kind: 'api_token'; tokenId: string }): string {
  return principal.kind === 'user' ? principal.userId : principal.tokenId;
}
