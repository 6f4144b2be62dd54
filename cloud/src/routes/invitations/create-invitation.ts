import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actorOf, personOf } from '../../core/audit/actor';
import { INVITATION_TTL_MS } from '../../core/auth/policy';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { generateSecret, hashSecret } from '../../core/auth/tokens';
import { recordAudit } from '../../db/repos/audit.repo';
import { findInvitation, findPendingInvitationFor, insertInvitation } from '../../db/repos/invitations.repo';
import { findMemberRole } from '../../db/repos/memberships.repo';
import { getOrganization, lockOrganization } from '../../db/repos/organizations.repo';
import { findUserByEmail, findUserById } from '../../db/repos/users.repo';
import { invitationEmail } from '../../core/auth/invitation-email';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { emailSchema, roleSchema } from '../auth/auth.schemas';
import { invitationSchema, invitationView } from './invitation.schemas';

const body = z
  .object({
    email: emailSchema,
    role: roleSchema.default('viewer').describe('Only an owner may invite an owner; defaults to viewer'),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/organization/invitations`,
  tags: ['organization'],
  summary: 'Invite someone to the organization with a role (admin); the link is in this response only',
  description: 'The invitation is for that email only, works once, and expires after 7 days. 409 when the email is already a member or already has a pending invitation.',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: {
    201: json(
      invitationSchema.extend({
        token: z.string().describe('`qri_…`: shown once'),
        url: z.string().describe('The link to send: `<portal>/invitations/<token>`'),
        emailed: z.boolean().describe('Whether the link was also emailed to the invitee (copy it from here either way)'),
        emailError: z.string().optional().describe('Why it was not emailed (e.g. email is not configured)'),
      }),
      'The invitation',
    ),
    ...errors(400, 401, 403, 409, 413, 415),
  },
});

export function registerCreateInvitation(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const input = c.req.valid('json');
    if (input.role === 'owner' && principal.role !== 'owner') {
      throw new AppError('forbidden', `only an owner can invite an owner (you are ${principal.role})`);
    }
    const scope = scopeOf(principal);
    const now = deps.clock.now();
    const token = generateSecret('invitation');
    const id = newId('inv', now);
    const expiresAt = now + INVITATION_TTL_MS;
    const organization = await deps.db.transaction(async (tx) => {
      // Serializes invitations of one organization: two admins inviting one email get one invitation.
      if (!(await lockOrganization(tx, scope))) throw notFound('organization');
      const org = await getOrganization(tx, scope);
      const user = await findUserByEmail(tx, input.email);
      const role = user ? await findMemberRole(tx, scope, user.id) : undefined;
      if (role) {
        throw new AppError('conflict', `${input.email} is already a member of ${org?.name} (${role})`, { details: { reason: 'already_member' } });
      }
      const pending = await findPendingInvitationFor(tx, scope, input.email, new Date(now));
      if (pending) {
        throw new AppError(
          'conflict',
          `${input.email} already has a pending invitation (until ${pending.expiresAt.toISOString()}): revoke it to send a new one`,
          { details: { reason: 'already_invited', invitationId: pending.id } },
        );
      }
      await insertInvitation(tx, scope, {
        id,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(token),
        createdBy: personOf(principal),
        createdAt: new Date(now),
        expiresAt: new Date(expiresAt),
      });
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'invitation.create',
        target: { type: 'invitation', id },
        details: { email: input.email, role: input.role, expiresAt },
        requestId: c.get('requestId'),
        at: now,
      });
      return org?.name ?? scope.orgId;
    });
    const row = await findInvitation(deps.db, scope, id);
    if (!row) throw new Error('invitation vanished after insert');
    deps.log.info('invitation created', { invitationId: id, orgId: scope.orgId, role: input.role });
    const url = new URL(`/invitations/${token}`, deps.config.publicUrl).toString();
    // Emailed as a convenience; the response carries the link either way, so a mail problem never
    // loses an invitation (and is said, not hidden).
    let emailError: string | undefined;
    try {
      const inviter = await findUserById(deps.db, personOf(principal));
      await deps.mailer.send(invitationEmail({ invitationId: id, to: input.email, organization, role: input.role, invitedBy: inviter?.email, url, expiresAt }));
    } catch (error) {
      emailError = error instanceof Error ? error.message : String(error);
      deps.log.warn('invitation not emailed', { invitationId: id, orgId: scope.orgId, error: emailError });
    }
    return c.json({ ...invitationView(row), token, url, emailed: emailError === undefined, ...(emailError !== undefined ? { emailError } : {}) }, 201);
  });
}
