import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../errors';
import type { Principal } from './principal';
import { requireRole, roleAtLeast, weakerRole } from './roles';

const as = (role: Principal['role']): Principal => ({ kind: 'user', userId: 'usr_1', orgId: 'org_1', role, sessionHash: 'h' });

test('owner > admin > operator > viewer', () => {
  assert.ok(roleAtLeast('owner', 'admin'));
  assert.ok(roleAtLeast('admin', 'admin'));
  assert.ok(!roleAtLeast('operator', 'admin'));
  assert.ok(!roleAtLeast('viewer', 'operator'));
  assert.equal(weakerRole('owner', 'operator'), 'operator');
  assert.equal(weakerRole('viewer', 'admin'), 'viewer');
});

test('requireRole throws a 403 forbidden below the minimum', () => {
  assert.doesNotThrow(() => requireRole(as('owner'), 'admin'));
  assert.throws(
    () => requireRole(as('viewer'), 'admin'),
    (err) => err instanceof AppError && err.code === 'forbidden' && err.status === 403,
  );
});
