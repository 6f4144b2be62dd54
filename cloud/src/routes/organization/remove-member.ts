import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../core/audit/actor';
import { currentRole } from '../../core/auth/current-role';
import { memberChangeRefusal } from '../../core/auth/member-rules';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { revokeApiTokensCreatedBy } from '../../db/repos/api-tokens.repo';
import { revokeEnrollmentTokensCreatedBy } from '../../db/repos/enrollment-tokens.repo';
import { revokeInvitationsCreatedBy } from '../../db/repos/invitations.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { countOwners, deleteMembership, findMember } from '../../db/repos/memberships.repo';
import { getOrganization, lockOrganization } from '../../db/repos/organizations.repo';
import { deleteSessionsInOrganization } from '../../db/repos/sessions.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, V1 } from '../../http/openapi';
import { clearSessionCookie } from '../../http/session-cookie';
import { userIdParam } from './member.schemas';

const route = createRoute({
  method: 'delete',
  path: `${V1}/organization/members/{userId}`,
  tags: ['organization'],
  summary: 'Remove a member (admin), or leave the organization yourself (any role)',
  description:
    'Their sessions in this organization end, and the API tokens, pending invitations and unused enrollment tokens they ' +
    'made in it are revoked, at once (enrolled agents keep working). Only an owner ' +
    'may remove an owner (403); the last owner can be neither removed nor leave (409, `details.reason` = last_owner).',
  ...authenticated,
  request: { params: userIdParam },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404, 409) },
});

export function registerRemoveMember(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    const { userId } = c.req.valid('param');
    const self = principal.kind === 'user' && principal.userId === userId;
    if (!self) requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      if (!(await lockOrganization(tx, scope))) throw notFound('organization');
      const member = await findMember(tx, scope, userId);
      if (!member) throw notFound('member');
      const org = await getOrganization(tx, scope);
      const refusal = memberChangeRefusal({
        actorRole: await currentRole(tx, scope, principal),
        self,
        from: member.role,
        owners: await countOwners(tx, scope),
        email: member.email,
        organization: org?.name ?? scope.orgId,
      });
      if (refusal) throw refusal;
      await deleteMembership(tx, scope, userId);
      const sessionsEnded = await deleteSessionsInOrganization(tx, scope, userId);
      const apiTokensRevoked = await revokeApiTokensCreatedBy(tx, scope, userId, new Date(now));
      const invitationsRevoked = await revokeInvitationsCreatedBy(tx, scope, userId, new Date(now));
      const enrollmentTokensRevoked = await revokeEnrollmentTokensCreatedBy(tx, scope, userId, new Date(now));
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: self ? 'member.leave' : 'member.remove',
        target: { type: 'user', id: userId },
        details: { email: member.email, role: member.role, sessionsEnded, apiTokensRevoked, invitationsRevoked, enrollmentTokensRevoked },
        requestId: c.get('requestId'),
        at: now,
      });
    });
    deps.log.info(self ? 'member left' : 'member removed', { orgId: scope.orgId, userId });
    // Leaving ended this very session (it was looking at the organization left).
    if (self) clearSessionCookie(c, deps.config);
    return c.body(null, 204);
  });
}
