import type { Member, Role } from './api/types';

/**
 * What the Members page offers on each row, by the API's rules (cloud/src/core/auth/member-rules.ts):
 * admins change roles and remove members; only an owner touches the owner role; the last owner is
 * neither demoted nor removed and cannot leave; anyone may leave. The API decides the same and its
 * refusal is shown if the page was out of date.
 */
export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin', 'owner'];

/** owner > admin > operator > viewer (session.svelte.ts has the same, but is a rune module). */
const atLeast = (role: Role | undefined, needed: Role) => role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);

export const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including members and owners',
  admin: 'members, agents, tokens and settings',
  operator: 'runs operations on clusters',
  viewer: 'sees everything, changes nothing',
};

/** What a role allows, as the end of "As a viewer, you …". */
export const ROLE_CAN: Record<Role, string> = {
  owner: 'can do everything, including managing members and owners',
  admin: 'can manage members, agents, API tokens and settings, and run every operation',
  operator: 'can run operations on clusters (restarts, diagnostics) and see everything',
  viewer: 'can see everything but change nothing',
};

/** "a viewer", "an admin". */
export function aRole(role: Role): string {
  return `${role === 'viewer' ? 'a' : 'an'} ${role}`;
}

export interface MemberControls {
  /** The roles the select offers; empty when the role cannot be changed from here. */
  roles: Role[];
  /** Whether a Remove (or Leave, for yourself) button is offered. */
  canRemove: boolean;
  self: boolean;
  lastOwner: boolean;
}

export function memberControls(opts: { myUserId: string | undefined; myRole: Role | undefined; member: Member; owners: number }): MemberControls {
  const { myUserId, myRole, member, owners } = opts;
  const self = member.userId === myUserId;
  const lastOwner = member.role === 'owner' && owners <= 1;
  const manages = atLeast(myRole, 'admin') && (member.role !== 'owner' || myRole === 'owner');
  return {
    roles: manages && !lastOwner ? inviteRoles(myRole) : [],
    canRemove: !lastOwner && (self || manages),
    self,
    lastOwner,
  };
}

/** The roles one may invite with (or grant): up to admin, and owner for owners. */
export function inviteRoles(myRole: Role | undefined): Role[] {
  if (!atLeast(myRole, 'admin')) return [];
  return ROLES.filter((r) => r !== 'owner' || myRole === 'owner');
}

/** A change worth a second look: your own role (you may not get it back), or making an owner. */
export function roleChangeNeedsConfirmation(change: { self: boolean; to: Role }): boolean {
  return change.self || change.to === 'owner';
}

/** The link an invitee opens: this portal's origin, `/invitations/<token>`. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invitations/${encodeURIComponent(token)}`;
}
