import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { RULE_CODES } from '../../core/alerts/index';
import { scopeOf } from '../../core/auth/principal';
import { listRuleOverrides } from '../../db/repos/alert-rules.repo';
import { findCluster } from '../../db/repos/clusters.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { ruleSchema, ruleView } from './alert-rule.schemas';
import { clusterIdField } from '../alerts/alert.schemas';

const query = z.object({ clusterId: clusterIdField.optional() }).strict();

const route = createRoute({
  method: 'get',
  path: `${V1}/alert-rules`,
  tags: ['alerts'],
  summary: 'The alert rules: defaults, the organization’s overrides and (with ?clusterId=) a cluster’s, and what applies',
  ...authenticated,
  request: { query },
  responses: { 200: json(z.object({ rules: z.array(ruleSchema) }), 'The rules'), ...errors(400, 401, 404) },
});

export function registerListAlertRules(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const { db } = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const { clusterId } = c.req.valid('query');
    if (clusterId && !(await findCluster(db, scope, clusterId))) throw notFound('cluster');
    const overrides = await listRuleOverrides(db, scope);
    const find = (cid: string, rule: string) => overrides.find((o) => o.clusterId === cid && o.rule === rule)?.settings;
    const rules = RULE_CODES.map((rule) => ruleView(rule, find('', rule), clusterId ? find(clusterId, rule) : undefined));
    return c.json({ rules }, 200);
  });
}
