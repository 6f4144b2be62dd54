import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_NAMES } from '@quorum/protocol';
import { ROLES, roleAtLeast, type Role } from '../auth/roles';
import { ORCHESTRATIONS, type OperationAction } from './operations';
import { isUserIssuable, requiredRoleFor } from './permissions';

/** The role matrix of the issue, written out in full: action → the roles that may request it. */
const MATRIX: Record<OperationAction, Role[]> = {
  'start-node': ['operator', 'admin', 'owner'],
  'stop-node': ['operator', 'admin', 'owner'],
  'restart-node': ['operator', 'admin', 'owner'],
  'rejoin-node': ['operator', 'admin', 'owner'],
  'kill-query': ['operator', 'admin', 'owner'],
  'collect-diagnostics': ['operator', 'admin', 'owner'],
  'rolling-restart': ['operator', 'admin', 'owner'],
  'bootstrap-cluster': ['admin', 'owner'],
  'recover-position': ['admin', 'owner'],
  'set-global-variable': ['admin', 'owner'],
  'update-signing-keys': [],
  'cancel-command': [],
};

test('role matrix: viewers nothing, operators restarts/kill-query/diagnostics, admins and owners the rest', () => {
  for (const action of [...ACTION_NAMES, ...ORCHESTRATIONS]) {
    const allowed = ROLES.filter((role) => isUserIssuable(action) && roleAtLeast(role, requiredRoleFor(action)));
    assert.deepEqual(allowed, MATRIX[action], action);
  }
});

test('the cloud-only actions are never user-issuable', () => {
  assert.equal(isUserIssuable('update-signing-keys'), false);
  assert.equal(isUserIssuable('cancel-command'), false);
  assert.equal(isUserIssuable('restart-node'), true);
});
