import { getContext, setContext } from 'svelte';
import type { Role } from '../api/types';
import type { ActionName } from './catalog';

/**
 * How components deep in the cluster page (a node's menu, the diagnostics' process list, the
 * recommended step) ask for an operation without threading callbacks through the topology: the
 * page provides this; the one confirmation dialog does the rest.
 */
export interface OperationRequest {
  action: ActionName;
  nodeId?: string;
  params?: Record<string, unknown>;
}

export interface OperationsContext {
  /** The signed-in user's role in this organization (what to offer). */
  role(): Role | undefined;
  /** Opens the confirmation (the plan first) for this request. */
  request(r: OperationRequest): void;
  /** Shows an operation's live progress. */
  show(operationId: string): void;
}

const KEY = Symbol('quorum.operations');

export function provideOperations(ctx: OperationsContext): void {
  setContext(KEY, ctx);
}

/** Undefined outside a page that offers operations (then nothing is offered). */
export function operationsContext(): OperationsContext | undefined {
  return getContext<OperationsContext | undefined>(KEY);
}
