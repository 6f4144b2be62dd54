import { findMemberRole, insertMembership } from '../../db/repos/memberships.repo';
import { consumeInvitation, findInvitationByHash, type InvitationRow } from '../../db/repos/invitations.repo';
import { isDuplicateKey, type Queryable } from '../../db/repos/queryable';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import { RATE_LIMITS } from './policy';
import { assertUnderLimit, rateLimitKeys, recordFailure } from './rate-limit';
import { hashSecret, INVITATION_TOKEN_PATTERN } from './tokens';

/**
 * Redeeming an invitation link, shared by the public lookup, signup with an invitation and
 * accepting while signed in. The token is the credential: whoever holds it learns the
 * organization's name, the invited email and the role, and nothing else.
 */
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

/** Revoked wins over accepted wins over expired. */
export function invitationState(row: Pick<InvitationRow, 'revokedAt' | 'acceptedAt' | 'expiresAt'>, now: number): InvitationState {
  if (row.revokedAt) return 'revoked';
  if (row.acceptedAt) return 'accepted';
  if (row.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

const REJECTIONS = {
  unknown: 'invitation not found: check that the link was copied in full, or ask for a new one',
  expired: 'invitation expired: ask an admin of the organization for a new one',
  accepted: 'invitation already used: an invitation can be accepted once — log in, or ask for a new one',
  revoked: 'invitation revoked: ask an admin of the organization for a new one',
} as const;

/** 404 `not_found` with `details.reason` = unknown | expired | accepted | revoked. */
export function invitationRejected(reason: keyof typeof REJECTIONS): AppError {
  return new AppError('not_found', REJECTIONS[reason], { details: { reason } });
}

/**
 * The pending invitation a link names, or the 404 that says why. Failures count against the
 * caller's IP (like enrollment), so links cannot be guessed at speed.
 */
export async function pendingInvitation(db: Queryable, token: string, opts: { ip: string; now: number }): Promise<InvitationRow> {
  const key = rateLimitKeys.invitationIp(opts.ip);
  await assertUnderLimit(db, key, RATE_LIMITS.invitationPerIp, opts.now);
  const row = INVITATION_TOKEN_PATTERN.test(token) ? await findInvitationByHash(db, hashSecret(token)) : undefined;
  const state = row ? invitationState(row, opts.now) : 'unknown';
  if (!row || state !== 'pending') {
    await recordFailure(db, key, RATE_LIMITS.invitationPerIp, opts.now);
    throw invitationRejected(state === 'pending' ? 'unknown' : state);
  }
  return row;
}

/** The invitation names an email; only that person may accept it. */
export function assertInvitedEmail(invitation: InvitationRow, email: string, hint: string): void {
  if (invitation.email !== email) {
    throw new AppError('forbidden', `this invitation is for ${invitation.email}, not ${email}: ${hint}`, { details: { reason: 'email_mismatch' } });
  }
}

/**
 * In the caller's transaction: takes the invitation (once, even against a concurrent acceptance)
 * and makes the user a member with the invited role.
 */
export async function joinByInvitation(tx: Queryable, invitation: InvitationRow, opts: { userId: string; organization: string; now: number }): Promise<void> {
  const scope = tenantScope(invitation.orgId);
  const alreadyMember = () => new AppError('conflict', `you are already a member of ${opts.organization}`, { details: { reason: 'already_member' } });
  if (await findMemberRole(tx, scope, opts.userId)) throw alreadyMember();
  if (!(await consumeInvitation(tx, invitation.tokenHash, { userId: opts.userId, now: new Date(opts.now) }))) {
    // Accepted, revoked or expired since it was looked up: say which.
    const current = await findInvitationByHash(tx, invitation.tokenHash);
    const state = current ? invitationState(current, opts.now) : 'unknown';
    throw invitationRejected(state === 'pending' ? 'accepted' : state);
  }
  try {
    await insertMembership(tx, scope, { userId: opts.userId, role: invitation.role, createdAt: new Date(opts.now) });
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyMember();
    throw err;
  }
}
