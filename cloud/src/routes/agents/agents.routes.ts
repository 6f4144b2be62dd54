import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/context';
import { registerEnrollAgent } from './enroll-agent';
import { registerListAgents } from './list-agents';
import { registerRevokeAgent } from './revoke-agent';

export function registerAgentRoutes(app: OpenAPIHono<AppEnv>): void {
  registerEnrollAgent(app);
  registerListAgents(app);
  registerRevokeAgent(app);
}
