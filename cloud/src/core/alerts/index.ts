export { evaluateAlerts, type EvaluateInput, type EvaluateOutput } from './evaluate';
export { decideGroup, isNotifiable, maxSeverity, type GroupNotification } from './grouping';
export { DEFAULT_POLICY, effectiveSettings, RULES, type RuleDefinition, type RuleOverride } from './rules';
export type { AgentWatch } from './state-rules';
export type { Transition } from './state-machine';
export { INHIBITS, silenceMatches } from './suppression';
export * from './types';
