/**
 * The portal's one vocabulary for Galera states: every state has a word, a tone (one meaning per
 * colour: ok green, warn amber, bad red, unknown grey) and an icon, so colour never stands alone.
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'unknown';
export type Icon = 'check' | 'alert' | 'split' | 'stop' | 'question' | 'unplug' | 'sync' | 'mute';
export type Health = 'healthy' | 'degraded' | 'split_brain' | 'no_primary' | 'unknown';

export interface Look {
  word: string;
  tone: Tone;
  icon: Icon;
}

export const HEALTH: Record<Health, Look & { meaning: string }> = {
  split_brain: { word: 'Split brain', tone: 'bad', icon: 'split', meaning: 'More than one Primary component: both sides accept writes and diverge.' },
  no_primary: { word: 'No Primary', tone: 'bad', icon: 'stop', meaning: 'No component has quorum: the cluster refuses writes.' },
  degraded: { word: 'Degraded', tone: 'warn', icon: 'alert', meaning: 'The cluster serves, but a node is missing, not Synced or unreachable.' },
  unknown: { word: 'Unknown', tone: 'unknown', icon: 'question', meaning: 'No current data: the agent has not reported recently.' },
  healthy: { word: 'Healthy', tone: 'ok', icon: 'check', meaning: 'One Primary component with every expected node Synced.' },
};

/** Worst first, as the API sorts clusters. */
export const HEALTH_ORDER: readonly Health[] = ['split_brain', 'no_primary', 'degraded', 'unknown', 'healthy'];

export interface NodeStateInput {
  state: string;
  clusterStatus: string | null;
  fresh: boolean;
}

/** The word and tone of one node's state, from what the API reports about it. */
export function nodeLook(node: NodeStateInput): Look {
  if (!node.fresh && node.state !== 'unknown') return { word: 'No current data', tone: 'unknown', icon: 'question' };
  if (node.state === 'unknown') return { word: 'Never reported', tone: 'unknown', icon: 'question' };
  if (node.state === 'unreachable') return { word: 'Unreachable', tone: 'unknown', icon: 'unplug' };
  if (node.clusterStatus !== null && node.clusterStatus !== 'Primary') return { word: 'non-Primary', tone: 'bad', icon: 'stop' };
  const s = node.state.toLowerCase();
  if (s === 'synced') return { word: 'Synced', tone: 'ok', icon: 'check' };
  if (s.startsWith('donor')) return { word: 'Donor', tone: 'warn', icon: 'sync' };
  if (s.startsWith('joining')) return { word: 'Joining', tone: 'warn', icon: 'sync' };
  if (s.startsWith('joined')) return { word: 'Joined', tone: 'warn', icon: 'sync' };
  return { word: node.state, tone: 'warn', icon: 'alert' };
}

export const SEVERITY: Record<'info' | 'warning' | 'critical', Look> = {
  critical: { word: 'Critical', tone: 'bad', icon: 'stop' },
  warning: { word: 'Warning', tone: 'warn', icon: 'alert' },
  info: { word: 'Info', tone: 'unknown', icon: 'question' },
};
