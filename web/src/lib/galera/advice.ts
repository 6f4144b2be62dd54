/**
 * What to do about each finding of the assessment (cloud/src/core/galera/findings.ts): the fix the
 * on-call engineer needs next to the problem. Operations (issue 3) will add a button to the steps
 * that the control plane can run itself.
 */
export interface Advice {
  /** One short imperative line: the recommended next step. */
  step: string;
  /** How, in a few sentences. */
  detail: string;
}

const ADVICE: Record<string, Advice> = {
  split_brain: {
    step: 'Stop writes to the rogue node, then rejoin it to the majority.',
    detail:
      'Point the application away from the rogue side first: both sides accept writes. Keep the history of the majority; save any rows written only on the rogue side (binary log or a dump) before they are discarded. Then restart the rogue node with the full wsrep_cluster_address (all peers, not an empty gcomm://): it rejoins and takes a state transfer from the majority.',
  },
  split_brain_suspected: {
    step: 'Watch the next poll: two Primary components were seen once.',
    detail: 'A split brain is confirmed on two consecutive polls. If it is confirmed, stop writes to the side that split off and rejoin it to the majority.',
  },
  rogue_primary_only: {
    step: 'Do not let the former majority rejoin yet: choose the history to keep.',
    detail:
      'The only Primary left is the side that split off, with its own short history. Writes made on the majority since the split are not in it. Compare the nodes’ positions (grastate.dat seqno, or --wsrep-recover) and bootstrap from the history you keep before anything rejoins.',
  },
  no_primary: {
    step: 'Find the most advanced node and bootstrap the cluster from it.',
    detail:
      'No component has quorum, so every node refuses writes. Compare the recovered positions (grastate.dat seqno, or mariadbd --wsrep-recover when it is -1) of nodes sharing one cluster UUID; bootstrap the most advanced one (galera_new_cluster), never while any node is still Primary, then start the others normally.',
  },
  node_unreachable: {
    step: 'Check that MariaDB runs on the node and the agent can reach it.',
    detail: 'Is mariadbd running (systemctl status mariadb)? Can the agent’s host connect to its address and port with the monitoring user? The error above is what the agent saw.',
  },
  node_unknown: {
    step: 'Check the agent that watches this node.',
    detail: 'No current report: the agent may be stopped, disconnected or revoked. See the Agents page for its last contact; `quorum-agent check` on its host names what fails.',
  },
  node_not_synced: {
    step: 'Usually transient: a state transfer or a backup. Watch it finish.',
    detail: 'A Donor or Joining node catches up on its own. If it stays there, check the node’s error log, its receive queue and whether a backup tool holds it desynced.',
  },
  node_non_primary: {
    step: 'Restore the network between this node and the Primary component.',
    detail: 'A non-Primary node lost quorum and refuses queries. It rejoins on its own once it reaches the Primary component; if no Primary is left anywhere, the cluster needs a bootstrap (see No Primary).',
  },
  size_below_expected: {
    step: 'Start or rejoin the missing node.',
    detail: 'The Primary component has fewer members than expected: one node failure away from losing quorum.',
  },
  history_lost: {
    step: 'Expect a full state transfer (SST) on the next join.',
    detail: 'The cluster history was reset (restarted without start positions), so IST is impossible. Make sure donors have the disk and bandwidth for a full copy.',
  },
  empty_cluster_address: {
    step: 'Set the full wsrep_cluster_address before this node restarts.',
    detail:
      'With wsrep_cluster_address=gcomm:// alone, a restart bootstraps a new, separate cluster: the weekend split brain. Put every peer in the address (gcomm://node1,node2,node3) in the node’s configuration and in your configuration management, so the next deploy does not bring the empty value back.',
  },
};

const FALLBACK: Advice = { step: 'See the finding for details.', detail: '' };

export function adviceFor(code: string): Advice {
  return ADVICE[code] ?? FALLBACK;
}
