import type { Role } from '../../db/schema/identity';
import type { OperationAction } from './operations';

/**
 * Who may ask for what. Viewers ask for nothing; operators for the routine, reversible things
 * (restarts, a rolling restart, killing a query, diagnostics); admins and owners for what can
 * lose data or change behaviour (bootstrap, recover-position, set-global-variable) and anything
 * not listed. `update-signing-keys` and `cancel-command` are never asked for directly: the cloud
 * issues them itself (key rotation; `POST /operations/{id}/cancel`).
 */
const OPERATOR_ACTIONS: ReadonlySet<OperationAction> = new Set([
  'start-node',
  'stop-node',
  'restart-node',
  'rejoin-node',
  'kill-query',
  'collect-diagnostics',
  'rolling-restart',
]);

const SYSTEM_ONLY: ReadonlySet<string> = new Set(['update-signing-keys', 'cancel-command']);

/** Actions a person may request through the API. */
export function isUserIssuable(action: string): boolean {
  return !SYSTEM_ONLY.has(action);
}

/**
 * The weakest role that may request `action`.
 *
 * @example
 * requiredRoleFor('restart-node')      // 'operator'
 * requiredRoleFor('bootstrap-cluster') // 'admin'
 */
export function requiredRoleFor(action: OperationAction): Role {
  return OPERATOR_ACTIONS.has(action) ? 'operator' : 'admin';
}
