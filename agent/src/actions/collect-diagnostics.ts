import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { GRASTATE, GVWSTATE, readOptional } from '../galera/grastate';
import { errorMessage } from '../log';
import { fitPieces, type TextPiece } from './text-budget';
import type { ActionContext, ActionDefinition, NodeTarget, Row } from './types';

/**
 * What a person needs to understand a node, per node of the cluster (or the one node named):
 * the error log's last N lines, grastate.dat, gvwstate.dat, `SHOW FULL PROCESSLIST` and the
 * wsrep status. Read-only (monitoring account, files). The whole result is kept under
 * RESULT_LIMIT_BYTES so its update fits in one 128 KB batch; cut pieces carry a marker.
 */
export const RESULT_LIMIT_BYTES = 100 * 1024;

/** Bytes read from the end of the error log, at most (5000 long lines). */
const LOG_READ_BYTES = 2 * 1024 * 1024;
/** One statement of the process list, at most (the list is for seeing who runs what). */
const INFO_CHARS = 1000;

type PieceName = 'errorLog' | 'grastate' | 'gvwstate' | 'processlist' | 'wsrepStatus';
const KEEP: Record<PieceName, TextPiece['keep']> = { errorLog: 'tail', grastate: 'head', gvwstate: 'head', processlist: 'head', wsrepStatus: 'head' };

interface NodeDiagnostics {
  node: string;
  pieces: Partial<Record<PieceName, string | null>>;
  errors: Partial<Record<PieceName, string>>;
}

export const collectDiagnosticsAction: ActionDefinition<'collect-diagnostics'> = {
  name: 'collect-diagnostics',
  timeoutMs: 60_000,
  async run(ctx) {
    const nodes = ctx.node ? [ctx.node] : ctx.cluster.nodes;
    ctx.progress('collect', `collecting from ${nodes.map((n) => n.name).join(', ')}`);
    const collected = await Promise.all(nodes.map((n) => collectNode(ctx, n)));
    ctx.signal.throwIfAborted();
    return fitResult(collected);
  },
};

async function collectNode(ctx: ActionContext<'collect-diagnostics'>, node: NodeTarget): Promise<NodeDiagnostics> {
  const out: NodeDiagnostics = { node: node.name, pieces: {}, errors: {} };
  const piece = async (name: PieceName, read: () => Promise<string | null>) => {
    try {
      out.pieces[name] = await read();
    } catch (e) {
      out.errors[name] = errorMessage(e).slice(0, 300);
    }
  };
  const { dataDir, errorLog } = node.config;
  const missing = (what: string) => async (): Promise<string | null> => {
    throw new Error(`${what} is not configured for ${node.name}`);
  };
  await Promise.all([
    piece('errorLog', errorLog ? () => tailLines(errorLog, ctx.params.errorLogLines) : missing('errorLog')),
    piece('grastate', dataDir ? async () => (await readOptional(join(dataDir, GRASTATE))) ?? null : missing('dataDir')),
    piece('gvwstate', dataDir ? async () => (await readOptional(join(dataDir, GVWSTATE))) ?? null : missing('dataDir')),
    piece('processlist', async () => table(await ctx.deps.query(node, 'monitor', 'SHOW FULL PROCESSLIST'))),
    piece('wsrepStatus', async () => table(await ctx.deps.query(node, 'monitor', "SHOW GLOBAL STATUS LIKE 'wsrep%'"))),
  ]);
  return out;
}

/** The last `lines` lines of a file, reading at most LOG_READ_BYTES from its end. */
export async function tailLines(path: string, lines: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, LOG_READ_BYTES);
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, size - length);
    const all = buf.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    if (length < size) all.shift(); // the first line was cut by the read window
    return all.slice(-lines).join('\n');
  } finally {
    await handle.close();
  }
}

/** Rows as tab-separated lines under a header line; long statements cut. */
function table(rows: Row[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? 'NULL' : String(v).slice(0, INFO_CHARS).replace(/[\t\n\r]/g, ' '));
  return [columns.join('\t'), ...rows.map((r) => columns.map((c) => cell(r[c])).join('\t'))].join('\n');
}

/** Shares the byte budget among every piece of every node; shrinks until the JSON fits. */
function fitResult(collected: NodeDiagnostics[]): Record<string, unknown> {
  const slots: { node: NodeDiagnostics; name: PieceName; text: string }[] = [];
  for (const node of collected) {
    for (const [name, text] of Object.entries(node.pieces) as [PieceName, string | null][]) {
      if (text !== null) slots.push({ node, name, text });
    }
  }
  const build = (texts: string[] | undefined) => {
    const nodes: Record<string, unknown> = {};
    for (const n of collected) nodes[n.node] = { ...n.pieces, errors: n.errors };
    slots.forEach((s, i) => ((nodes[s.node.node] as Record<string, unknown>)[s.name] = texts ? texts[i] : s.text));
    return nodes;
  };
  let budget = RESULT_LIMIT_BYTES - 4096;
  for (let attempt = 0; attempt < 6; attempt++) {
    const texts = fitPieces(slots.map((s) => ({ text: s.text, keep: KEEP[s.name] })), budget);
    const truncated = texts.some((t, i) => t !== slots[i]!.text);
    const result = { limitBytes: RESULT_LIMIT_BYTES, truncated, nodes: build(texts) };
    const size = Buffer.byteLength(JSON.stringify(result));
    if (size <= RESULT_LIMIT_BYTES) return result;
    // JSON escaping (quotes, tabs, newlines) made it bigger than the raw bytes: shrink and retry.
    budget = Math.floor(budget * (RESULT_LIMIT_BYTES / size) * 0.95);
  }
  return { limitBytes: RESULT_LIMIT_BYTES, truncated: true, nodes: build(slots.map(() => '[… dropped: too large …]')) };
}
