/**
 * The app's main navigation. A page joins the portal by adding its entry here once its backend
 * exists — Alerts (issue 4) and Operations (issue 3) go between Clusters and Agents; Channels and
 * Audit log become Settings tabs (see settings/+layout.svelte).
 */
export interface NavItem {
  href: string;
  label: string;
  icon: 'clusters' | 'agents' | 'settings';
  /** Whether the current path belongs to this entry. */
  matches(pathname: string): boolean;
}

export const NAV: readonly NavItem[] = [
  { href: '/', label: 'Clusters', icon: 'clusters', matches: (p) => p === '/' || p.startsWith('/clusters') },
  { href: '/agents', label: 'Agents', icon: 'agents', matches: (p) => p.startsWith('/agents') },
  { href: '/settings', label: 'Settings', icon: 'settings', matches: (p) => p.startsWith('/settings') },
];
