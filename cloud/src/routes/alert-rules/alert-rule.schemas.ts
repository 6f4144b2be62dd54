import { z } from '@hono/zod-openapi';
import { effectiveSettings, RULES, type RuleCode, type RuleOverride, type RuleSettings } from '../../core/alerts/index';
import { ruleCodeSchema, severitySchema } from '../alerts/alert.schemas';

/** Settings as the API speaks them: durations in seconds. */
const settingsSchema = z
  .object({
    enabled: z.boolean(),
    severity: severitySchema,
    forSeconds: z.number().describe('The condition must hold this long before the alert fires (pending until then)'),
    keepFiringForSeconds: z.number().describe('A firing alert whose condition clears keeps firing this long (against flapping)'),
    threshold: z.number().optional().describe('Threshold rules only'),
  })
  .openapi('RuleSettings');

export const overrideSchema = settingsSchema.partial().openapi('RuleOverride');

export const ruleSchema = z
  .object({
    rule: ruleCodeSchema,
    title: z.string(),
    description: z.string(),
    scope: z.enum(['cluster', 'node']),
    kind: z.enum(['state', 'config', 'metric']),
    metric: z.object({ name: z.string(), unit: z.string() }).optional(),
    defaults: settingsSchema,
    organization: overrideSchema.nullable().describe('The organization’s override'),
    cluster: overrideSchema.nullable().describe('The cluster’s override (when ?clusterId= is given)'),
    effective: settingsSchema.describe('What applies: defaults, then the organization’s, then the cluster’s'),
  })
  .openapi('AlertRule');

export function toApi(s: RuleSettings): z.infer<typeof settingsSchema>;
export function toApi(s: RuleOverride): z.infer<typeof overrideSchema>;
export function toApi(s: RuleOverride): z.infer<typeof overrideSchema> {
  return {
    ...(s.enabled !== undefined ? { enabled: s.enabled } : {}),
    ...(s.severity !== undefined ? { severity: s.severity } : {}),
    ...(s.forMs !== undefined ? { forSeconds: s.forMs / 1000 } : {}),
    ...(s.keepFiringForMs !== undefined ? { keepFiringForSeconds: s.keepFiringForMs / 1000 } : {}),
    ...(s.threshold !== undefined ? { threshold: s.threshold } : {}),
  };
}

export function ruleView(rule: RuleCode, org: RuleOverride | undefined, cluster: RuleOverride | undefined): z.infer<typeof ruleSchema> {
  const def = RULES[rule];
  return {
    rule,
    title: def.title,
    description: def.description,
    scope: def.scope,
    kind: def.kind,
    ...(def.metric ? { metric: def.metric } : {}),
    defaults: toApi(def.defaults) as z.infer<typeof settingsSchema>,
    organization: org ? toApi(org) : null,
    cluster: cluster ? toApi(cluster) : null,
    effective: toApi(effectiveSettings(rule, org, cluster)) as z.infer<typeof settingsSchema>,
  };
}

