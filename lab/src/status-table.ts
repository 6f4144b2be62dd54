import type { LabNodeStatus } from './types';

const COLUMNS: Array<[string, number]> = [
  ['node', 5],
  ['pid', 7],
  ['rssMB', 5],
  ['cluster_status', 11],
  ['size', 4],
  ['conf', 4],
  ['state_uuid', 36],
  ['local_state', 9],
  ['ready', 5],
  ['conn', 4],
  ['last_c', 6],
  ['incoming_addresses', 0],
];

const onOff = (v: boolean | null): string => (v === null ? '' : v ? 'ON' : 'OFF');

function row(cells: string[]): string {
  return cells
    .map((cell, k) => {
      const width = COLUMNS[k]?.[1] ?? 0;
      return width > 0 ? cell.padEnd(width) : cell;
    })
    .join(' ')
    .trimEnd();
}

/**
 * The reference script's `status` table: one line per node; a down node shows its grastate.dat,
 * a running node that does not answer (starting, SST, waiting for a Primary) says so.
 */
export function formatStatusTable(statuses: ReadonlyArray<LabNodeStatus>): string {
  const lines = [row(COLUMNS.map(([name]) => name))];
  for (const { node, pid, rssMb, status: s, grastate } of statuses) {
    if (pid === null) {
      const g = grastate ? `seqno: ${grastate.seqno} safe_to_bootstrap: ${grastate.safeToBootstrap ? 1 : 0}` : 'none';
      lines.push(`${node.padEnd(5)} ${'DOWN'.padEnd(7)} grastate.dat: ${g}`);
    } else if (!s.reachable) {
      lines.push(`${node.padEnd(5)} ${String(pid).padEnd(7)} ${String(rssMb ?? '?').padEnd(5)} (no answer: starting, SST or hung: ${s.error ?? ''})`);
    } else {
      lines.push(
        row([
          node,
          String(pid),
          String(rssMb ?? '?'),
          s.clusterStatus ?? '',
          String(s.clusterSize ?? ''),
          s.clusterConfId ?? '',
          s.clusterStateUuid ?? '',
          s.localStateComment ?? '',
          onOff(s.ready),
          onOff(s.connected),
          String(s.lastCommitted ?? ''),
          s.incomingAddresses.join(','),
        ]),
      );
    }
  }
  return lines.join('\n');
}
