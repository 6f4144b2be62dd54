import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { listPendingInvitations } from '../../db/repos/invitations.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { invitationSchema, invitationView } from './invitation.schemas';

const route = createRoute({
  method: 'get',
  path: `${V1}/organization/invitations`,
  tags: ['organization'],
  summary: 'Pending invitations: not accepted, revoked or expired (admin; links are never shown again)',
  ...authenticated,
  responses: { 200: json(z.object({ invitations: z.array(invitationSchema) }), 'The pending invitations, oldest first'), ...errors(401, 403) },
});

export function registerListInvitations(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const rows = await listPendingInvitations(deps.db, scopeOf(principal), new Date(deps.clock.now()));
    return c.json({ invitations: rows.map(invitationView) }, 200);
  });
}
