import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { RULES, type RuleOverride } from '../../core/alerts/index';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { listRuleOverrides, upsertRuleOverride } from '../../db/repos/alert-rules.repo';
import { findCluster } from '../../db/repos/clusters.repo';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { actorOf, clusterIdField, ruleCodeSchema, severitySchema } from '../alerts/alert.schemas';
import { ruleSchema, ruleView } from './alert-rule.schemas';

const DAY_S = 24 * 60 * 60;

export const ruleParam = z.object({ rule: ruleCodeSchema.openapi({ param: { name: 'rule', in: 'path' }, example: 'split_brain' }) });

const body = z
  .object({
    clusterId: clusterIdField.optional().describe('Override for this cluster only; omit for the whole organization'),
    enabled: z.boolean().optional(),
    severity: severitySchema.optional(),
    forSeconds: z.number().int().min(0).max(DAY_S).optional(),
    keepFiringForSeconds: z.number().int().min(0).max(DAY_S).optional(),
    threshold: z.number().finite().min(0).optional().describe('Threshold rules only (flow_control_paused: a fraction 0–1)'),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'clusterId'), { message: 'give at least one setting to override', path: ['enabled'] });

const route = createRoute({
  method: 'put',
  path: `${V1}/alert-rules/{rule}`,
  tags: ['alerts'],
  summary: 'Override a rule’s settings for the organization or one cluster (admin); fields not given keep what applies now',
  ...authenticated,
  request: { params: ruleParam, body: jsonBody(body) },
  responses: { 200: json(ruleSchema, 'The rule'), ...errors(400, 401, 403, 404, 415) },
});

export function registerPutAlertRule(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { rule } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.threshold !== undefined && RULES[rule].kind !== 'metric') {
      throw new AppError('validation_failed', `invalid body: threshold: ${rule} has no threshold`);
    }
    if (rule === 'flow_control_paused' && input.threshold !== undefined && input.threshold > 1) {
      throw new AppError('validation_failed', 'invalid body: threshold: flow_control_paused is a fraction of time, from 0 to 1');
    }
    const clusterId = input.clusterId ?? '';
    if (clusterId && !(await findCluster(deps.db, scope, clusterId))) throw notFound('cluster');
    const existing = (await listRuleOverrides(deps.db, scope)).find((o) => o.clusterId === clusterId && o.rule === rule)?.settings ?? {};
    const settings: RuleOverride = { ...existing };
    if (input.enabled !== undefined) settings.enabled = input.enabled;
    if (input.severity !== undefined) settings.severity = input.severity;
    if (input.forSeconds !== undefined) settings.forMs = input.forSeconds * 1000;
    if (input.keepFiringForSeconds !== undefined) settings.keepFiringForMs = input.keepFiringForSeconds * 1000;
    if (input.threshold !== undefined) settings.threshold = input.threshold;
    const now = deps.clock.now();
    await upsertRuleOverride(deps.db, scope, { clusterId, rule, settings, by: actorOf(principal), now });
    await requestEvaluation(deps.db, scope, now, clusterId ? [clusterId] : undefined);
    deps.log.info('alert rule overridden', { orgId: scope.orgId, rule, clusterId: clusterId || null });
    const all = await listRuleOverrides(deps.db, scope);
    const find = (cid: string) => all.find((o) => o.clusterId === cid && o.rule === rule)?.settings;
    return c.json(ruleView(rule, find(''), clusterId ? find(clusterId) : undefined), 200);
  });
}
