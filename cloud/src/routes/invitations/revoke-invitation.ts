import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../core/audit/actor';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { recordAudit } from '../../db/repos/audit.repo';
import { findInvitation, revokeInvitation } from '../../db/repos/invitations.repo';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'delete',
  path: `${V1}/organization/invitations/{id}`,
  tags: ['organization'],
  summary: 'Revoke an invitation (admin); its link stops working at once. Idempotent.',
  description: '409 when it was already accepted: remove the member instead.',
  ...authenticated,
  request: { params: idParam },
  responses: { 204: { description: 'Revoked' }, ...errors(400, 401, 403, 404, 409) },
});

export function registerRevokeInvitation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { id } = c.req.valid('param');
    const scope = scopeOf(principal);
    const row = await findInvitation(deps.db, scope, id);
    if (!row) throw notFound('invitation');
    if (row.acceptedAt) {
      throw new AppError('conflict', `the invitation of ${row.email} was already accepted: remove the member instead`, { details: { reason: 'accepted' } });
    }
    if (row.revokedAt) return c.body(null, 204);
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await revokeInvitation(tx, scope, id, new Date(now));
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'invitation.revoke',
        target: { type: 'invitation', id },
        details: { email: row.email, role: row.role },
        requestId: c.get('requestId'),
        at: now,
      });
    });
    deps.log.info('invitation revoked', { invitationId: id, orgId: scope.orgId });
    return c.body(null, 204);
  });
}
