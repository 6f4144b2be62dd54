import type { Role } from '../api/types';

/**
 * The operations a person can ask for from the portal, as the API accepts them
 * (cloud/src/core/commands/permissions.ts, protocol/src/command/actions.ts): who may ask, what
 * they act on, and whether they are destructive — a destructive one needs the cluster's name typed
 * to confirm (GitHub's pattern).
 */
export type ActionName =
  | 'start-node'
  | 'stop-node'
  | 'restart-node'
  | 'rejoin-node'
  | 'rolling-restart'
  | 'bootstrap-cluster'
  | 'recover-position'
  | 'kill-query'
  | 'set-global-variable'
  | 'collect-diagnostics';

export interface ActionInfo {
  /** The menu's and the dialog's words: "Restart node". */
  label: string;
  /** The weakest role the API lets ask for it. */
  role: Role;
  /** `POST /nodes/{id}/operations` or `POST /clusters/{id}/operations`. */
  target: 'node' | 'cluster';
  /** Typed confirmation (the cluster's name); `rejoin-node` only with `forceSst`. */
  destructive: boolean;
}

export const ACTIONS: Record<ActionName, ActionInfo> = {
  'restart-node': { label: 'Restart node', role: 'operator', target: 'node', destructive: false },
  'stop-node': { label: 'Stop node', role: 'operator', target: 'node', destructive: true },
  'start-node': { label: 'Start node', role: 'operator', target: 'node', destructive: false },
  'rejoin-node': { label: 'Rejoin node', role: 'operator', target: 'node', destructive: false },
  'kill-query': { label: 'Kill a query', role: 'operator', target: 'node', destructive: false },
  'recover-position': { label: 'Recover position', role: 'admin', target: 'node', destructive: false },
  'set-global-variable': { label: 'Set a global variable', role: 'admin', target: 'node', destructive: false },
  'rolling-restart': { label: 'Rolling restart', role: 'operator', target: 'cluster', destructive: true },
  'collect-diagnostics': { label: 'Collect diagnostics', role: 'operator', target: 'cluster', destructive: false },
  'bootstrap-cluster': { label: 'Bootstrap', role: 'admin', target: 'cluster', destructive: true },
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

/** Whether `role` may ask for `action` (the API decides the same; viewers ask for nothing). */
export function mayRequest(role: Role | undefined, action: ActionName): boolean {
  return role !== undefined && RANK[role] >= RANK[ACTIONS[action].role];
}

/** Whether this request needs the cluster's name typed: a rejoin only when it discards the node's data. */
export function isDestructive(action: ActionName, params: Record<string, unknown> = {}): boolean {
  if (action === 'rejoin-node') return params.forceSst === true;
  return ACTIONS[action].destructive;
}

/** The per-node menu, in this order, filtered by role. */
const NODE_MENU: readonly ActionName[] = ['restart-node', 'stop-node', 'start-node', 'rejoin-node', 'recover-position', 'kill-query'];
/** The cluster's own buttons (the bootstrap is a plan first: its own page). */
const CLUSTER_MENU: readonly ActionName[] = ['rolling-restart', 'collect-diagnostics', 'bootstrap-cluster'];

export function nodeActions(role: Role | undefined): ActionName[] {
  return NODE_MENU.filter((a) => mayRequest(role, a));
}

export function clusterActions(role: Role | undefined): ActionName[] {
  return CLUSTER_MENU.filter((a) => mayRequest(role, a));
}

/** The short name of a role in a sentence: "operators", "admins". */
export function rolePlural(role: Role): string {
  return { viewer: 'viewers', operator: 'operators', admin: 'admins', owner: 'owners' }[role];
}

/** An action's name as a person reads it in lists: "rolling-restart" → "Rolling restart". */
export function actionLabel(action: string): string {
  return (ACTIONS as Record<string, ActionInfo | undefined>)[action]?.label ?? action.replace(/-/g, ' ');
}
