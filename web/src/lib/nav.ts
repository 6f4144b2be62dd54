/**
 * The app's main navigation. A page joins the portal by adding its entry here once its backend
 * exists; settings pages are tabs of settings/+layout.svelte instead.
 */
export interface NavItem {
  href: string;
  label: string;
  icon: 'clusters' | 'alerts' | 'agents' | 'settings';
  /** A live count beside the entry: `firing-alerts` — alerts firing with nobody on them. */
  badge?: 'firing-alerts';
  /** Whether the current path belongs to this entry. */
  matches(pathname: string): boolean;
}

export const NAV: readonly NavItem[] = [
  { href: '/', label: 'Clusters', icon: 'clusters', matches: (p) => p === '/' || p.startsWith('/clusters') },
  { href: '/alerts', label: 'Alerts', icon: 'alerts', badge: 'firing-alerts', matches: (p) => p.startsWith('/alerts') },
  { href: '/agents', label: 'Agents', icon: 'agents', matches: (p) => p.startsWith('/agents') },
  { href: '/settings', label: 'Settings', icon: 'settings', matches: (p) => p.startsWith('/settings') },
];
