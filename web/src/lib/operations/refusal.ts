import { ApiError } from '../api/client';
import type { Role } from '../api/types';
import { ACTIONS, actionLabel, rolePlural, type ActionName } from './catalog';

/**
 * Why an operation was refused, in plain words with the evidence: a 403 (role), a 409
 * `precondition_failed` from the control plane (`details.refusal`), a 409 conflict (another
 * operation runs), or the agent's own safety guard (`operation.refusal`).
 */
export interface Explained {
  title: string;
  message: string;
  evidence: Array<{ label: string; value: string }>;
}

export interface RefusalLike {
  code?: string;
  message?: string;
  evidence?: unknown;
}

const TITLES: Record<string, string> = {
  last_synced_node: 'It would take the cluster down',
  primary_exists: 'The cluster is up: a bootstrap would split it',
  uuid_mismatch: 'The nodes disagree on the history: a person must choose',
  zero_uuid: 'A node lost its history (zero state UUID)',
  position_regressed: 'That node is behind another: commits would be lost',
  missing_position: 'A node has no known position',
  wrong_node_state: 'The node is not in a state this can start from',
  no_control: 'The agent cannot start or stop this node',
  no_admin_credentials: 'The agent has no admin account for this node',
  cluster_not_whole: 'Not every node is Synced',
  no_single_agent: 'No single agent watches the whole cluster',
};

/** Plain words for a refusal `{code, message, evidence}`. */
export function explainRefusal(refusal: RefusalLike | null | undefined, fallback = 'Refused'): Explained {
  const code = refusal?.code ?? '';
  return { title: TITLES[code] ?? fallback, message: refusal?.message ?? '', evidence: evidenceRows(refusal?.evidence) };
}

/** A failed request to ask for an operation, explained. */
export function explainRequestError(error: unknown, ctx: { action: string; role?: Role | undefined }): Explained {
  if (error instanceof ApiError) {
    if (error.status === 403) {
      return {
        title: 'Your role does not allow this',
        message: `${actionLabel(ctx.action)} is for ${rolePlural(ACTIONS[ctx.action as ActionName]?.role ?? 'admin')} and above${ctx.role ? `; you are ${ctx.role === 'admin' || ctx.role === 'operator' ? 'an' : 'a'} ${ctx.role} here` : ''}. Ask one of them.`,
        evidence: [],
      };
    }
    const refusal = (error.details as { refusal?: RefusalLike } | undefined)?.refusal;
    if (error.code === 'precondition_failed') return explainRefusal(refusal ?? { message: error.message }, 'The control plane refused it');
    if (error.status === 409) return { title: 'Another operation is in the way', message: error.message, evidence: [] };
    return { title: 'It could not be asked for', message: error.message, evidence: [] };
  }
  return { title: 'It could not be asked for', message: (error as Error)?.message ?? String(error), evidence: [] };
}

/**
 * Evidence as label/value rows: nested objects become one row per entry (`node3` →
 * `reachable: true, clusterStatus: Primary, …`), lists are joined.
 *
 * @example evidenceRows({ syncedNodes: ['node3'] }) // [{ label: 'syncedNodes', value: 'node3' }]
 */
export function evidenceRows(evidence: unknown, prefix = ''): Array<{ label: string; value: string }> {
  if (evidence === null || evidence === undefined) return [];
  if (typeof evidence !== 'object') return [{ label: prefix || 'evidence', value: String(evidence) }];
  const rows: Array<{ label: string; value: string }> = [];
  for (const [key, value] of Object.entries(evidence as Record<string, unknown>)) {
    const label = prefix ? `${prefix} ${key}` : key;
    if (Array.isArray(value)) rows.push({ label, value: value.map(inline).join('; ') || '—' });
    else if (value !== null && typeof value === 'object' && Object.values(value).some((v) => v !== null && typeof v === 'object')) rows.push(...evidenceRows(value, label));
    else rows.push({ label, value: inline(value) });
  }
  return rows;
}

function inline(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(inline).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${inline(v)}`)
    .join(', ');
}
