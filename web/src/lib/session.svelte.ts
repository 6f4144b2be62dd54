import type { Me, Role } from './api/types';

/** Who is signed in, shared by the app shell and the pages (set by the (app) layout's load). */
export const session = $state<{ me: Me | null }>({ me: null });

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

/** Whether `role` is at least `needed` (owner > admin > operator > viewer), as the API decides. */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
