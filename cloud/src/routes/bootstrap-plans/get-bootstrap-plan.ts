import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findBootstrapPlan } from '../../db/repos/bootstrap-plans.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { bootstrapPlanSchema, bootstrapPlanView, planIdParam } from './bootstrap-plan.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/bootstrap-plans/{id}`,
  tags: ['bootstrap-plans'],
  summary: 'A bootstrap plan: the evidence gathered so far, then the chosen node and why (or why not)',
  ...authenticated,
  request: { params: planIdParam },
  responses: { 200: json(bootstrapPlanSchema, 'The plan'), ...errors(400, 401, 404) },
});

export function registerGetBootstrapPlan(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const plan = await findBootstrapPlan(c.get('deps').db, scopeOf(c.get('principal')), c.req.valid('param').id);
    if (!plan) throw notFound('bootstrap plan');
    return c.json(bootstrapPlanView(plan), 200);
  });
}
