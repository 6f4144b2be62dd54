import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { assertInvitedEmail, joinByInvitation, pendingInvitation } from '../../core/auth/invitations';
import { hashPassword } from '../../core/auth/password';
import type { Role } from '../../core/auth/roles';
import { startSession } from '../../core/auth/start-session';
import type { InvitationRow } from '../../db/repos/invitations.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { insertMembership } from '../../db/repos/memberships.repo';
import { getOrganization, insertOrganization } from '../../db/repos/organizations.repo';
import { isDuplicateKey } from '../../db/repos/queryable';
import { findUserByEmail, insertUser } from '../../db/repos/users.repo';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import type { AppEnv } from '../../http/context';
import { errors, json, jsonBody, publicRoute, V1 } from '../../http/openapi';
import { setSessionCookie } from '../../http/session-cookie';
import { newId } from '../../ids';
import { invitationTokenSchema } from '../invitations/invitation.schemas';
import { emailSchema, meSchema, newPasswordSchema } from './auth.schemas';
import { meView } from './me-view';

const body = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    organization: z.string().trim().min(1).max(128).optional().openapi({ example: 'Acme Retail', description: 'The new organization (not with invitationToken)' }),
    invitationToken: invitationTokenSchema.optional().describe('Join the inviting organization with the invited role instead of creating one; the email must be the invited one'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.organization === undefined && b.invitationToken === undefined) {
      ctx.addIssue({ code: 'custom', path: ['organization'], message: 'required (or an invitationToken)' });
    }
    if (b.organization !== undefined && b.invitationToken !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['organization'], message: 'not with an invitationToken: the invitation names the organization' });
    }
  });

const route = createRoute({
  method: 'post',
  path: `${V1}/auth/signup`,
  tags: ['auth'],
  summary: 'Create an organization and its owner — or, with an invitation, join its organization — and sign in',
  description:
    'With `invitationToken`: only the invited email may sign up with it (403); an unknown, expired, used or revoked ' +
    'invitation is 404 with `details.reason` (failures rate-limited per IP, 429).',
  ...publicRoute,
  request: { body: jsonBody(body) },
  responses: {
    201: json(meSchema, 'Signed up; the session cookie is set'),
    ...errors(400, 403, 404, 409, 413, 415, 429),
  },
});

const CONFLICT = (invited: boolean) =>
  new AppError('conflict', invited ? 'an account with this email already exists: log in, then accept the invitation' : 'an account with this email already exists; sign in instead');

export function registerSignup(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const now = deps.clock.now();
    let invitation: InvitationRow | undefined;
    if (input.invitationToken !== undefined) {
      invitation = await pendingInvitation(deps.db, input.invitationToken, { ip: clientIp(c), now });
      assertInvitedEmail(invitation, input.email, 'sign up with the invited email');
    }
    if (await findUserByEmail(deps.db, input.email)) throw CONFLICT(invitation !== undefined);
    const userId = newId('usr', now);
    const passwordHash = await hashPassword(input.password);
    let joined: { orgId: string; role: Role; session: { token: string; expiresAt: number } };
    try {
      joined = await deps.db.transaction(async (tx) => {
        const actor = { kind: 'user' as const, id: userId };
        const requestId = c.get('requestId');
        await insertUser(tx, { id: userId, email: input.email, passwordHash, createdAt: new Date(now) });
        let orgId: string;
        let role: Role;
        if (invitation) {
          const org = await getOrganization(tx, tenantScope(invitation.orgId));
          if (!org) throw new AppError('not_found', 'invitation not found', { details: { reason: 'unknown' } });
          await joinByInvitation(tx, invitation, { userId, organization: org.name, now });
          orgId = org.id;
          role = invitation.role;
          await recordAudit(tx, tenantScope(orgId), {
            actor,
            action: 'invitation.accept',
            target: { type: 'invitation', id: invitation.id },
            details: { userId, email: input.email, role, invitedBy: invitation.createdBy, via: 'signup' },
            requestId,
            at: now,
          });
        } else {
          orgId = newId('org', now);
          role = 'owner';
          const name = input.organization as string;
          await insertOrganization(tx, { id: orgId, name, createdAt: new Date(now) });
          await insertMembership(tx, tenantScope(orgId), { userId, role, createdAt: new Date(now) });
          await recordAudit(tx, tenantScope(orgId), { actor, action: 'organization.create', target: { type: 'organization', id: orgId }, details: { name, owner: userId }, requestId, at: now });
        }
        const session = await startSession(tx, deps.clock, { userId, orgId });
        await recordAudit(tx, tenantScope(orgId), { actor, action: 'session.login', target: { type: 'user', id: userId }, details: { via: 'signup' }, requestId, at: now });
        return { orgId, role, session };
      });
    } catch (err) {
      // Two signups with one email at once: the unique index decides, the loser gets the 409.
      if (isDuplicateKey(err)) throw CONFLICT(invitation !== undefined);
      throw err;
    }
    setSessionCookie(c, deps.config, joined.session.token, joined.session.expiresAt - now);
    deps.log.info('signed up', { userId, orgId: joined.orgId, invitationId: invitation?.id });
    const me = await meView(deps, { kind: 'user', userId, orgId: joined.orgId, role: joined.role, sessionHash: '' });
    return c.json(me, 201);
  });
}

