import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { actorOf } from '../../core/audit/actor';
import { findAgent, listAgentConnections, revokeAgent } from '../../db/repos/agents.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { notFound } from '../../errors';
import { describeError } from '../../http/error-handler';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { CLOSE_CODES } from '../../ports/agent-channel';
import { agentSchema, agentView } from './agent.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/agents/{id}/revoke`,
  tags: ['agents'],
  summary: 'Revoke an agent (admin): its live connections are closed and it can no longer connect',
  ...authenticated,
  request: { params: idParam },
  responses: { 200: json(agentSchema, 'The revoked agent'), ...errors(400, 401, 403, 404) },
});

export function registerRevokeAgent(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { id } = c.req.valid('param');
    const scope = scopeOf(principal);
    if (!(await findAgent(deps.db, scope, id))) throw notFound('agent');
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await revokeAgent(tx, scope, id, new Date(now));
      await recordAudit(tx, scope, { actor: actorOf(principal), action: 'agent.revoke', target: { type: 'agent', id }, requestId: c.get('requestId'), at: now });
    });
    // revoked_at is committed first, so a reconnect racing this close is refused by the gateway.
    for (const { connectionId } of await listAgentConnections(deps.db, scope, id)) {
      try {
        await deps.agentChannel.close(connectionId, CLOSE_CODES.revoked, 'agent revoked');
      } catch (err) {
        deps.log.warn('closing a revoked agent connection failed', { agentId: id, connectionId, error: describeError(err) });
      }
    }
    deps.log.info('agent revoked', { agentId: id, orgId: scope.orgId });
    const agent = await findAgent(deps.db, scope, id);
    if (!agent) throw notFound('agent');
    return c.json(agentView(agent), 200);
  });
}
