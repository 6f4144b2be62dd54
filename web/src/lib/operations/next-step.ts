import type { ActionName } from './catalog';

/**
 * The button beside the recommended next step (Situation): the operation the control plane can
 * run for the most severe finding, when there is one. A bootstrap is a plan first (its own page).
 */
export type NextStep =
  | { kind: 'operation'; label: string; action: ActionName; nodeId: string; params?: Record<string, unknown> }
  | { kind: 'bootstrap-plan'; label: string };

export function nextStepFor(finding: { code: string; nodeIds: readonly string[] } | undefined, nodeName: (id: string) => string): NextStep | undefined {
  if (!finding) return undefined;
  const nodeId = finding.nodeIds[0];
  switch (finding.code) {
    case 'no_primary':
      return { kind: 'bootstrap-plan', label: 'Plan a bootstrap…' };
    case 'split_brain':
      return nodeId && finding.nodeIds.length === 1
        ? { kind: 'operation', label: `Rejoin ${nodeName(nodeId)} with a full SST…`, action: 'rejoin-node', nodeId, params: { forceSst: true } }
        : undefined;
    case 'node_non_primary':
      return nodeId ? { kind: 'operation', label: `Rejoin ${nodeName(nodeId)}…`, action: 'rejoin-node', nodeId } : undefined;
    case 'node_unreachable':
      return nodeId ? { kind: 'operation', label: `Start ${nodeName(nodeId)}…`, action: 'start-node', nodeId } : undefined;
    default:
      return undefined;
  }
}
