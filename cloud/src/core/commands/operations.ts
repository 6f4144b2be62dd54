import { ACTIONS, type ActionName } from '@quorum/protocol';

/**
 * What a user can ask for: the protocol's actions (run by an agent) plus orchestrations the cloud
 * drives itself, step by step, with ordinary commands.
 */
export const ORCHESTRATIONS = ['rolling-restart'] as const;
export type OrchestrationName = (typeof ORCHESTRATIONS)[number];
export type OperationAction = ActionName | OrchestrationName;

export function isOrchestration(action: string): action is OrchestrationName {
  return (ORCHESTRATIONS as readonly string[]).includes(action);
}

/** Whether an operation is aimed at one node (`/nodes/{id}/operations`) or a whole cluster. */
export function targetOf(action: OperationAction): 'node' | 'cluster' {
  return isOrchestration(action) ? 'cluster' : ACTIONS[action].target;
}
