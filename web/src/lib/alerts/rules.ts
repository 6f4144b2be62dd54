import type { AlertRule } from '../api/types';

/** Where a setting that applies comes from: the rule's defaults, the organization's override, or the cluster's. */
export type RuleSource = 'defaults' | 'organization' | 'cluster';
/** The settings the rules tables show a source for. */
export type RuleSetting = 'enabled' | 'severity' | 'threshold';

type Sources = Pick<AlertRule, 'organization' | 'cluster'>;

/** The most specific override that sets `setting` wins (the API's order: defaults, organization, cluster). */
export function settingSource(rule: Sources, setting: RuleSetting): RuleSource {
  if (rule.cluster?.[setting] !== undefined) return 'cluster';
  if (rule.organization?.[setting] !== undefined) return 'organization';
  return 'defaults';
}

const SOURCE_WORDS: Record<RuleSource, string> = { defaults: 'Default', organization: 'Organization', cluster: 'This cluster' };
const SETTING_WORDS: Record<RuleSetting, string> = { enabled: 'on/off', severity: 'severity', threshold: 'threshold' };

/**
 * Where the settings a row shows come from, in words: one word when they share a source
 * ("This cluster"), else each ("on/off: this cluster · threshold: organization"). Rules without a
 * threshold have no threshold to tell about.
 */
export function sourceWords(rule: Sources & Pick<AlertRule, 'effective'>): string {
  const settings: RuleSetting[] = rule.effective.threshold === undefined ? ['enabled', 'severity'] : ['enabled', 'severity', 'threshold'];
  const sources = settings.map((s) => settingSource(rule, s));
  if (sources.every((s) => s === sources[0])) return SOURCE_WORDS[sources[0]!];
  return settings
    .map((s, i) => ({ s, src: sources[i]! }))
    .filter(({ src }) => src !== 'defaults')
    .map(({ s, src }) => `${SETTING_WORDS[s]}: ${SOURCE_WORDS[src].toLowerCase()}`)
    .join(' · ');
}

/**
 * A threshold as typed, checked as the API will (a finite number ≥ 0; flow_control_paused is a
 * fraction of time, 0–1): the number, or why not in words.
 */
export function parseThreshold(rule: string, raw: unknown): { value: number } | { error: string } {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) return { error: 'Give a number.' };
  if (value < 0) return { error: 'The threshold cannot be negative.' };
  if (rule === 'flow_control_paused' && value > 1) return { error: 'A fraction of time: from 0 to 1.' };
  return { value };
}
