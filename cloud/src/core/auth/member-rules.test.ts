import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memberChangeRefusal, type MemberChange } from './member-rules';

const base: MemberChange = { actorRole: 'owner', self: false, from: 'viewer', to: 'operator', owners: 1, email: 'ann@example.com', organization: 'Acme' };
const verdict = (change: Partial<MemberChange>) => {
  const err = memberChangeRefusal({ ...base, ...change });
  return err ? `${err.status} ${err.message}` : 'ok';
};

test('admins and owners change roles below owner', () => {
  assert.equal(verdict({}), 'ok');
  assert.equal(verdict({ actorRole: 'admin', from: 'operator', to: 'admin' }), 'ok');
  assert.equal(verdict({ actorRole: 'admin', from: 'admin', to: 'viewer' }), 'ok');
  assert.equal(verdict({ actorRole: 'admin', from: 'viewer', to: undefined }), 'ok', 'an admin removes a viewer');
});

test('only an owner grants, changes or removes the owner role', () => {
  assert.equal(verdict({ actorRole: 'admin', to: 'owner' }), '403 only an owner can make a member an owner (you are admin)');
  assert.equal(verdict({ actorRole: 'admin', from: 'owner', to: 'admin', owners: 2 }), '403 only an owner can change the role of an owner (you are admin)');
  assert.equal(verdict({ actorRole: 'admin', from: 'owner', to: undefined, owners: 2 }), '403 only an owner can remove an owner (you are admin)');
  assert.equal(verdict({ to: 'owner' }), 'ok');
  assert.equal(verdict({ from: 'owner', to: 'admin', owners: 2 }), 'ok');
  assert.equal(verdict({ from: 'owner', to: undefined, owners: 2 }), 'ok');
});

test('the last owner is never demoted nor removed, whoever asks', () => {
  assert.equal(verdict({ self: true, from: 'owner', to: 'admin' }), '409 you are the last owner of Acme: make another member an owner first');
  assert.equal(verdict({ self: true, from: 'owner', to: undefined }), '409 you are the last owner of Acme: make another member an owner before you leave');
  // Through an owner's API token, the member concerned is not the caller.
  assert.equal(verdict({ from: 'owner', to: undefined }), '409 ann@example.com is the last owner of Acme: make another member an owner first');
  assert.equal(verdict({ self: true, from: 'owner', to: 'owner' }), 'ok', 'owner to owner changes nothing');
});

test('anyone may leave, except the last owner', () => {
  assert.equal(verdict({ actorRole: 'viewer', self: true, from: 'viewer', to: undefined }), 'ok');
  assert.equal(verdict({ actorRole: 'owner', self: true, from: 'owner', to: undefined, owners: 2 }), 'ok');
});
