import { actorWords } from './alerts/words';
import { api } from './api/client';
import { session } from './session.svelte';

/**
 * Who an id is, for "asked by" and the audit log: you, a member's email, or the id itself
 * (an API token, an agent, a system job). Members are loaded once per organization.
 */
const members = $state<{ orgId: string | null; byId: Record<string, string> }>({ orgId: null, byId: {} });
let loading: Promise<void> | undefined;

export function loadMembers(): Promise<void> {
  const orgId = session.me?.activeOrganization.id ?? null;
  if (members.orgId === orgId && loading) return loading;
  members.orgId = orgId;
  loading = api
    .get('/organization/members')
    .then((r) => {
      members.byId = Object.fromEntries(r.members.map((m) => [m.userId, m.email]));
    })
    .catch(() => {
      loading = undefined;
    });
  return loading;
}

/** "you", "ana@example.com", or the id. */
export function personName(id: string): string {
  if (session.me?.user?.id === id) return 'you';
  return members.byId[id] ?? id;
}

/** Who acted, for an alert: "you (oncall@example.com)", "ana@example.com", "an API token". */
export function actorName(id: string): string {
  const name = actorWords(id, personName);
  return name === 'you' && session.me?.user?.email ? `you (${session.me.user.email})` : name;
}
