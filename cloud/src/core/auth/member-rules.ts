import { AppError } from '../../errors';
import type { Role } from './roles';

/**
 * What may happen to a membership, decided on facts the route gathered inside its transaction.
 * The caller's admin role (or leaving oneself) is checked before the member is looked up; these
 * are the rules that depend on the member: only an owner grants, changes or removes the owner
 * role, and an organization never loses its last owner.
 */
export interface MemberChange {
  /** The caller's role. */
  actorRole: Role;
  /** The caller is the member concerned (leaving, or changing their own role). */
  self: boolean;
  /** The member's role now. */
  from: Role;
  /** The role asked for; absent for a removal. */
  to?: Role;
  /** How many owners the organization has now. */
  owners: number;
  /** The member's email and the organization's name, for the messages. */
  email: string;
  organization: string;
}

/**
 * The refusal (403 forbidden or 409 conflict) of a role change or a removal, or undefined.
 *
 * @example
 * memberChangeRefusal({ actorRole: 'admin', self: false, from: 'viewer', to: 'owner', owners: 1, email, organization })
 * // → AppError('forbidden', 'only an owner can make a member an owner (you are admin)')
 */
export function memberChangeRefusal(change: MemberChange): AppError | undefined {
  const { actorRole, self, from, to, owners, email, organization } = change;
  const removal = to === undefined;
  if (actorRole !== 'owner' && !(removal && self)) {
    if (to === 'owner' && from !== 'owner') return forbidden(`only an owner can make a member an owner (you are ${actorRole})`);
    if (from === 'owner') return forbidden(`only an owner can ${removal ? 'remove' : 'change the role of'} an owner (you are ${actorRole})`);
  }
  if (from === 'owner' && to !== 'owner' && owners <= 1) {
    const who = self ? 'you are' : `${email} is`;
    const next = self && removal ? 'before you leave' : 'first';
    return new AppError('conflict', `${who} the last owner of ${organization}: make another member an owner ${next}`, {
      details: { reason: 'last_owner' },
    });
  }
  return undefined;
}

const forbidden = (message: string) => new AppError('forbidden', message);
