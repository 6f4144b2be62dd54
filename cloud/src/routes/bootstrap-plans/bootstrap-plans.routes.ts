import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerCreateBootstrapPlan } from './create-bootstrap-plan';
import { registerGetBootstrapPlan } from './get-bootstrap-plan';

export function registerBootstrapPlanRoutes(app: OpenAPIHono<AppEnv>): void {
  registerCreateBootstrapPlan(app);
  registerGetBootstrapPlan(app);
}
