import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { listAgents } from '../../db/repos/agents.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { agentSchema, agentView } from './agent.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/agents`,
  tags: ['agents'],
  summary: 'The organization’s agents, revoked ones included',
  ...authenticated,
  responses: { 200: json(z.object({ agents: z.array(agentSchema) }), 'The agents'), ...errors(401) },
});

export function registerListAgents(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const rows = await listAgents(c.get('deps').db, scopeOf(c.get('principal')));
    return c.json({ agents: rows.map(agentView) }, 200);
  });
}
