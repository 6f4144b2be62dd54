import type { AuditEntry } from './api/types';

/**
 * The audit log's words: each action as a person reads it, and the actions one can filter by
 * (cloud/src/routes/README.md, "Audit log"; any other action seen is offered too).
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  'organization.create': 'Organization created',
  'organization.policy_update': 'Policy changed',
  'session.login': 'Logged in',
  'session.logout': 'Logged out',
  'session.switch_organization': 'Switched organization',
  'api_token.create': 'API token created',
  'api_token.revoke': 'API token revoked',
  'enrollment_token.create': 'Enrollment token created',
  'enrollment_token.revoke': 'Enrollment token revoked',
  'agent.enroll': 'Agent enrolled',
  'agent.revoke': 'Agent revoked',
  'invitation.create': 'Member invited',
  'invitation.revoke': 'Invitation revoked',
  'invitation.accept': 'Invitation accepted',
  'member.role_change': 'Role changed',
  'member.remove': 'Member removed',
  'member.leave': 'Member left',
  'bootstrap_plan.create': 'Bootstrap plan asked for',
  'bootstrap_plan.decide': 'Bootstrap plan decided',
  'command.create': 'Operation asked for',
  'command.approve': 'Operation approved',
  'command.cancel': 'Operation cancelled',
  'command.finish': 'Operation finished',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

/** The actions to offer in the filter: the known ones plus any seen, sorted by their words. */
export function auditFilterOptions(entries: readonly Pick<AuditEntry, 'action'>[]): string[] {
  const all = new Set([...Object.keys(AUDIT_ACTIONS), ...entries.map((e) => e.action)]);
  return [...all].sort((a, b) => auditActionLabel(a).localeCompare(auditActionLabel(b)));
}

/** Entries of one action (or all), each once, newest first (pages may overlap while new rows arrive). */
export function filterAudit(entries: readonly AuditEntry[], action: string): AuditEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (action === 'all' || e.action === action) && !seen.has(e.id) && seen.add(e.id)).sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}

/** The short detail line: a command's action and target, a policy's change… (secrets are never in details). */
export function auditSummary(entry: Pick<AuditEntry, 'action' | 'details'>): string {
  const d = (entry.details ?? {}) as Record<string, unknown>;
  if (entry.action.startsWith('command.')) {
    const parts = [d.action, d.state ?? d.outcome].filter((x) => typeof x === 'string');
    return parts.join(' · ');
  }
  if (entry.action === 'organization.policy_update') {
    const after = d.after as { bootstrapRequiresApproval?: boolean } | undefined;
    if (after && typeof after.bootstrapRequiresApproval === 'boolean') return `bootstrap requires approval: ${after.bootstrapRequiresApproval ? 'on' : 'off'}`;
  }
  if (entry.action === 'member.role_change' && typeof d.email === 'string') return `${d.email}: ${d.before} → ${d.after}`;
  if ((entry.action.startsWith('invitation.') || entry.action.startsWith('member.')) && typeof d.email === 'string') {
    return typeof d.role === 'string' ? `${d.email} · ${d.role}` : d.email;
  }
  if (typeof d.name === 'string') return d.name;
  return '';
}
