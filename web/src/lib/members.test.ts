import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Member, Role } from './api/types';
import { auditActionLabel, auditSummary } from './audit';
import { aRole, invitationLink, inviteRoles, memberControls, roleChangeNeedsConfirmation } from './members';

const member = (userId: string, role: Role): Member => ({ userId, email: `${userId}@example.com`, role, joinedAt: 0 });
const controls = (myRole: Role, m: Member, owners = 1) => memberControls({ myUserId: 'me', myRole, member: m, owners });

test('admins manage everyone below owner; owners everyone; viewers and operators only leave', () => {
  assert.deepEqual(controls('admin', member('u1', 'operator')), { roles: ['viewer', 'operator', 'admin'], canRemove: true, self: false, lastOwner: false });
  assert.deepEqual(controls('admin', member('u1', 'owner'), 2).roles, [], 'an admin cannot touch an owner');
  assert.equal(controls('admin', member('u1', 'owner'), 2).canRemove, false);
  assert.deepEqual(controls('owner', member('u1', 'admin')).roles, ['viewer', 'operator', 'admin', 'owner']);
  for (const role of ['viewer', 'operator'] as const) {
    assert.deepEqual(controls(role, member('u1', 'viewer')), { roles: [], canRemove: false, self: false, lastOwner: false });
    assert.deepEqual(controls(role, member('me', role)), { roles: [], canRemove: true, self: true, lastOwner: false }, 'may leave');
  }
});

test('the last owner keeps the role and cannot leave; with two owners either may', () => {
  assert.deepEqual(controls('owner', member('me', 'owner'), 1), { roles: [], canRemove: false, self: true, lastOwner: true });
  assert.deepEqual(controls('owner', member('me', 'owner'), 2).canRemove, true);
  assert.deepEqual(controls('owner', member('me', 'owner'), 2).roles.length, 4);
});

test('invitable roles, confirmations and the link', () => {
  assert.deepEqual(inviteRoles('viewer'), []);
  assert.deepEqual(inviteRoles('admin'), ['viewer', 'operator', 'admin']);
  assert.deepEqual(inviteRoles('owner'), ['viewer', 'operator', 'admin', 'owner']);
  assert.equal(roleChangeNeedsConfirmation({ self: true, to: 'viewer' }), true);
  assert.equal(roleChangeNeedsConfirmation({ self: false, to: 'owner' }), true);
  assert.equal(roleChangeNeedsConfirmation({ self: false, to: 'operator' }), false);
  assert.deepEqual(['viewer', 'operator', 'admin', 'owner'].map((r) => aRole(r as Role)), ['a viewer', 'an operator', 'an admin', 'an owner']);
  assert.equal(invitationLink('https://quorum.example', 'qri_abc-_9'), 'https://quorum.example/invitations/qri_abc-_9');
});

test('member and invitation changes read as words in the audit log', () => {
  assert.equal(auditActionLabel('member.role_change'), 'Role changed');
  assert.equal(auditSummary({ action: 'member.role_change', details: { email: 'ann@example.com', before: 'viewer', after: 'operator' } }), 'ann@example.com: viewer → operator');
  assert.equal(auditSummary({ action: 'invitation.create', details: { email: 'ann@example.com', role: 'viewer', expiresAt: 1 } }), 'ann@example.com · viewer');
  assert.equal(auditSummary({ action: 'member.remove', details: { email: 'ann@example.com', role: 'admin', sessionsEnded: 1 } }), 'ann@example.com · admin');
});
