/**
 * The agent's collect-diagnostics result (agent/src/actions/collect-diagnostics.ts), made readable:
 * per node the error log's tail, grastate.dat and gvwstate.dat as fields, the process list as a
 * table (each row can be killed), and the wsrep status as name/value pairs.
 */
export interface Table {
  columns: string[];
  rows: string[][];
}

export interface NodeDiagnostics {
  node: string;
  errorLog: string | null;
  grastate: Array<[string, string]> | null;
  gvwstate: string | null;
  processlist: Table | null;
  wsrepStatus: Array<[string, string]> | null;
  /** What could not be read, per piece. */
  errors: Array<{ piece: string; message: string }>;
}

export interface Diagnostics {
  truncated: boolean;
  nodes: NodeDiagnostics[];
}

/** Tab-separated lines under a header line (the agent's format for SQL results). */
export function parseTable(text: string | null | undefined): Table | null {
  if (typeof text !== 'string') return null;
  const lines = text.split('\n').filter((l) => l.length > 0);
  const [header, ...rest] = lines;
  if (!header) return { columns: [], rows: [] };
  return { columns: header.split('\t'), rows: rest.map((l) => l.split('\t')) };
}

/** `key: value` lines (grastate.dat); comments and blank lines skipped. */
export function parseKeyValues(text: string | null | undefined): Array<[string, string]> | null {
  if (typeof text !== 'string') return null;
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const i = trimmed.indexOf(':');
    if (i > 0) out.push([trimmed.slice(0, i).trim(), trimmed.slice(i + 1).trim()]);
  }
  return out;
}

/** A two-column table (`Variable_name`, `Value`) as pairs. */
function pairs(text: unknown): Array<[string, string]> | null {
  const t = parseTable(typeof text === 'string' ? text : null);
  if (!t) return null;
  return t.rows.map((r) => [r[0] ?? '', r[1] ?? ''] as [string, string]);
}

export function parseDiagnostics(result: unknown): Diagnostics | null {
  const r = result as { truncated?: unknown; nodes?: unknown } | null | undefined;
  if (!r || typeof r.nodes !== 'object' || r.nodes === null) return null;
  const nodes = Object.entries(r.nodes as Record<string, Record<string, unknown>>).map(([node, d]): NodeDiagnostics => {
    const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
    const errors = Object.entries((d.errors ?? {}) as Record<string, unknown>).map(([piece, message]) => ({ piece, message: String(message) }));
    return {
      node,
      errorLog: text('errorLog'),
      grastate: parseKeyValues(text('grastate')),
      gvwstate: text('gvwstate'),
      processlist: parseTable(text('processlist')),
      wsrepStatus: pairs(d.wsrepStatus),
      errors,
    };
  });
  nodes.sort((a, b) => a.node.localeCompare(b.node));
  return { truncated: r.truncated === true, nodes };
}

/** Process list rows a person may kill: not the server's own threads (the agent refuses those). */
export function killableRow(table: Table, row: readonly string[]): { processId: number; user: string } | null {
  const at = (name: string) => row[table.columns.findIndex((c) => c.toLowerCase() === name)] ?? '';
  const id = Number(at('id'));
  const user = at('user');
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  if (user === 'system user' || user === 'event_scheduler') return null;
  return { processId: id, user };
}
