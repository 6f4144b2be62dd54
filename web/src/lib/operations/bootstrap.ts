import type { BootstrapPlan, PlanEvidence } from '../api/types';
import type { Look } from '../galera/vocabulary';

/**
 * Words for a bootstrap plan (GALERA.md §7): where each node's position came from, how far the
 * gathering is, and the order the agent will start the nodes in.
 */
export const SOURCE_WORDS: Record<NonNullable<PlanEvidence['source']>, string> = {
  grastate: 'grastate.dat',
  'wsrep-recover': '--wsrep-recover',
  live: 'live (running)',
};

export const PLAN_STATE: Record<BootstrapPlan['state'], Look> = {
  gathering: { word: 'Gathering positions', tone: 'warn', icon: 'sync' },
  ready: { word: 'Ready', tone: 'ok', icon: 'check' },
  refused: { word: 'Refused', tone: 'bad', icon: 'stop' },
};

/** One node's row while the plan gathers: answered, being asked, or waiting its turn. */
export function evidenceLook(e: PlanEvidence): Look {
  if (e.error) return { word: 'No position', tone: 'bad', icon: 'stop' };
  if (e.source !== null) return { word: 'Answered', tone: 'ok', icon: 'check' };
  if (e.commandId !== null) return { word: 'Asking…', tone: 'warn', icon: 'sync' };
  return { word: 'Waiting its turn', tone: 'unknown', icon: 'question' };
}

/** "2 of 3 answered". */
export function gatheringProgress(plan: Pick<BootstrapPlan, 'evidence'>): { answered: number; total: number } {
  return { answered: plan.evidence.filter((e) => e.source !== null || e.error !== null).length, total: plan.evidence.length };
}

/**
 * What the agent will do with a ready plan, in order: the chosen node starts a new Primary
 * component at its position, then the others join, the most advanced first.
 */
export function bootstrapSteps(plan: Pick<BootstrapPlan, 'evidence' | 'decision'>): string[] {
  const chosen = plan.evidence.find((e) => e.nodeId === plan.decision?.chosenNodeId);
  if (!chosen) return [];
  const others = plan.evidence.filter((e) => e !== chosen).sort((a, b) => (b.seqno ?? -1) - (a.seqno ?? -1));
  return [
    `Start ${chosen.nodeName} with --wsrep-new-cluster (safe_to_bootstrap set to 1) at position ${chosen.uuid ?? '?'}:${chosen.seqno ?? '?'}: a new Primary component with the same history.`,
    ...others.map((e) => `Start ${e.nodeName} (seqno ${e.seqno ?? '?'}): it joins ${chosen.nodeName} and catches up (IST, or SST if it cannot).`),
  ];
}

/** Plain words for a plan's refusal. */
export const PLAN_REFUSAL_TITLES: Record<string, string> = {
  primary_exists: 'A node is in a Primary component: the cluster is up, a bootstrap would split it',
  uuid_mismatch: 'UUIDs disagree: a person must choose',
  zero_uuid: 'A node lost its history (zero state UUID)',
  missing_position: 'A node has no known position',
};
