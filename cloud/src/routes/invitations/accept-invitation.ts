import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { assertInvitedEmail, joinByInvitation, pendingInvitation } from '../../core/auth/invitations';
import { recordAudit } from '../../db/repos/audit.repo';
import { getOrganization } from '../../db/repos/organizations.repo';
import { setSessionOrganization } from '../../db/repos/sessions.repo';
import { findUserById } from '../../db/repos/users.repo';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { meSchema } from '../auth/auth.schemas';
import { meView } from '../auth/me-view';
import { requireSession } from '../auth/require-session';
import { invitationTokenSchema } from './invitation.schemas';

const body = z.object({ token: invitationTokenSchema }).strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/invitations/accept`,
  tags: ['invitations'],
  summary: 'Accept an invitation while signed in: join its organization with its role, and switch the session to it',
  description:
    'Only the invited email may accept (403 otherwise). 404 with `details.reason` for an unknown, expired, used or revoked ' +
    'invitation (failures rate-limited per IP), 409 when already a member.',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: { 200: json(meSchema, 'The caller, now in the organization joined'), ...errors(400, 401, 403, 404, 409, 413, 415, 429) },
});

export function registerAcceptInvitation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = requireSession(c.get('principal'));
    const { token } = c.req.valid('json');
    const now = deps.clock.now();
    const invitation = await pendingInvitation(deps.db, token, { ip: clientIp(c), now });
    const user = await findUserById(deps.db, principal.userId);
    if (!user) throw new AppError('unauthenticated', 'the user no longer exists');
    assertInvitedEmail(invitation, user.email, `log in as ${invitation.email} (or sign up with it), then open the link again`);
    const scope = tenantScope(invitation.orgId);
    const org = await getOrganization(deps.db, scope);
    if (!org) throw new AppError('not_found', 'invitation not found', { details: { reason: 'unknown' } });
    await deps.db.transaction(async (tx) => {
      await joinByInvitation(tx, invitation, { userId: user.id, organization: org.name, now });
      await setSessionOrganization(tx, principal.sessionHash, org.id);
      const actor = { kind: 'user' as const, id: user.id };
      const requestId = c.get('requestId');
      await recordAudit(tx, scope, {
        actor,
        action: 'invitation.accept',
        target: { type: 'invitation', id: invitation.id },
        details: { userId: user.id, email: user.email, role: invitation.role, invitedBy: invitation.createdBy, via: 'session' },
        requestId,
        at: now,
      });
      await recordAudit(tx, scope, { actor, action: 'session.switch_organization', target: { type: 'organization', id: org.id }, details: { from: principal.orgId }, requestId, at: now });
    });
    deps.log.info('invitation accepted', { invitationId: invitation.id, orgId: org.id, userId: user.id });
    return c.json(await meView(deps, { ...principal, orgId: org.id, role: invitation.role }), 200);
  });
}
