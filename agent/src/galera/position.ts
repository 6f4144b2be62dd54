/** A node's place in the cluster history: `uuid:seqno`. */
export interface Position {
  uuid: string;
  seqno: number;
}

const UUID_SEQNO = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(-?\d+)/gi;

/**
 * The position printed by a recover command. Accepts mariadbd's `WSREP: Recovered position:
 * UUID:SEQNO`, galera_recovery's `--wsrep_start_position=UUID:SEQNO`, and a bare `UUID:SEQNO`
 * line (the lab CLI's `wsrep-recover`); a line saying "Recovered position" wins over other
 * matches, and the last one wins among equals.
 *
 * @example parseRecoveredPosition('... WSREP: Recovered position: 82e5…:54\n') // { uuid: '82e5…', seqno: 54 }
 */
export function parseRecoveredPosition(output: string): Position | undefined {
  const lines = output.split('\n');
  const preferred = lines.filter((l) => /recovered position|wsrep[-_]start[-_]position/i.test(l));
  for (const group of [preferred, lines]) {
    const matches = group.flatMap((l) => [...l.matchAll(UUID_SEQNO)]);
    const last = matches.at(-1);
    if (last) return { uuid: last[1]!.toLowerCase(), seqno: Number(last[2]) };
  }
  return undefined;
}

export const formatPosition = (p: Position): string => `${p.uuid}:${p.seqno}`;
