import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { encodeMessage, METRIC_NAMES, type BatchInput } from '@quorum/protocol';
import { InProcessQueue } from '../src/adapters/local/in-process-queue';
import { acceptConnection } from '../src/db/telemetry-store/agent-connections.store';
import { tenantScope } from '../src/db/tenant-scope';
import { createConnectionContext, handleMessage } from '../src/gateway/index';
import { ingestBatch } from '../src/jobs/ingest.job';
import { silentLogger } from '../src/ports/logger';
import { systemClock } from '../src/ports/clock';
import { directDeps } from '../test/gateway/support/direct-deps';
import { helloMessage } from '../test/gateway/support/messages';
import { createAgent } from '../test/gateway/support/tenants';
import { createTestDatabase } from '../test/support/test-db';

/**
 * Ingest throughput: metric samples per second through the real ingest path (JSON frame → schema
 * validation → gateway → in-process queue → one ingest transaction per batch, with batch dedupe)
 * versus raw multi-row INSERTs of the very same rows with mysql2, on the same MariaDB, the same
 * chunking and the same concurrency. Target: ratio ≥ 0.5.
 */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const CONCURRENCY = 4;
const NODES = 3;

function makeBatches(t0: number): BatchInput[] {
  const batches: BatchInput[] = [];
  let ts = t0;
  for (let b = 0; b < BATCHES; b++) {
    const samples: NonNullable<BatchInput['samples']> = [];
    // As many 10 s samples of 3 nodes as fit in one 128 KB message (an agent replaying its spool).
    for (;;) {
      const next = Array.from({ length: NODES }, (_, n) => ({
        cluster: 'main',
        node: `node${n + 1}`,
        observedAt: ts,
        values: Object.fromEntries(METRIC_NAMES.map((m, i) => [m, Math.round(Math.random() * 1e6) / 100 + i])),
      }));
      const candidate = { type: 'batch' as const, batchId: randomUUID(), createdAt: ts, samples: [...samples, ...next] };
      if (samples.length + next.length > 512 || JSON.stringify(candidate).length > 120_000) break;
      samples.push(...next);
      ts += 10_000;
    }
    batches.push({ type: 'batch', batchId: randomUUID(), createdAt: ts, samples });
  }
  return batches;
}

async function runConcurrently<T>(items: T[], fn: (item: T, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < items.length) await fn(items[next++] as T, worker);
    }),
  );
}

const db = await createTestDatabase('bench_ingest');
try {
  const { deps: base } = directDeps(db.db);
  base.clock = systemClock; // real time: freshness and retention as in production
  const queue = new InProcessQueue({ log: silentLogger, concurrency: CONCURRENCY });
  queue.register('ingest', (message) => ingestBatch(base, message).then(() => undefined));
  const deps = { ...base, queue };
  const agent = await createAgent(db.db, { now: Date.now() });
  // One connection per worker: the gateway handles one connection's batches in order, so
  // concurrency comes from several agents streaming at once.
  const contexts: Array<ReturnType<typeof createConnectionContext>> = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const connectionId = `bench_${randomUUID()}`;
    await acceptConnection(db.db, tenantScope(agent.orgId), { agentId: agent.agentId, connectionId, ts: Date.now() + i, now: Date.now() });
    const ctx = createConnectionContext({ connectionId, orgId: agent.orgId, agentId: agent.agentId, now: Date.now() });
    await handleMessage(deps, ctx, JSON.stringify(helloMessage()));
    contexts.push(ctx);
  }
  const nodeIds = (await db.pool.query<mysql.RowDataPacket[]>('SELECT id, name FROM nodes'))[0];
  const nodeIdByName = new Map(nodeIds.map((r) => [r.name as string, r.id as string]));

  const frames = makeBatches(Date.UTC(2026, 0, 1)).map((b) => encodeMessage(b));
  const rows = frames.reduce((n, f) => n + (JSON.parse(f).samples as unknown[]).length * METRIC_NAMES.length, 0);

  // 1. Raw multi-row INSERTs of the same rows into the same table.
  const raw = await mysql.createPool({ uri: db.url, connectionLimit: CONCURRENCY });
  const rawStart = performance.now();
  await runConcurrently(frames, async (frame) => {
    const batch = JSON.parse(frame) as BatchInput;
    const values: unknown[][] = [];
    for (const s of batch.samples ?? []) {
      for (const [name, value] of Object.entries(s.values)) values.push([`raw_${nodeIdByName.get(s.node)?.slice(4)}`, name, s.observedAt, agent.orgId, value]);
    }
    await raw.query('INSERT INTO metric_samples (node_id, name, ts, org_id, value) VALUES ?', [values]);
  });
  const rawSeconds = (performance.now() - rawStart) / 1000;
  await raw.end();

  // 2. The ingest path, from the JSON frame the agent sends.
  const ingestStart = performance.now();
  await runConcurrently(frames, async (frame, worker) => {
    await handleMessage(deps, contexts[worker]!, frame);
  });
  const ingestSeconds = (performance.now() - ingestStart) / 1000;

  const [[stored]] = (await db.pool.query<mysql.RowDataPacket[]>("SELECT count(*) AS n FROM metric_samples WHERE node_id NOT LIKE 'raw_%'")) as unknown as [[{ n: number }]];
  if (Number(stored.n) !== rows) throw new Error(`ingest stored ${stored.n} rows, expected ${rows}`);
  const rawRate = rows / rawSeconds;
  const ingestRate = rows / ingestSeconds;
  console.log(`ingest: ${frames.length} batches, ${rows} samples, concurrency ${CONCURRENCY}`);
  console.log(`  raw multi-row INSERT   ${Math.round(rawRate).toLocaleString('en')} samples/s (${rawSeconds.toFixed(2)} s)`);
  console.log(`  ingest path            ${Math.round(ingestRate).toLocaleString('en')} samples/s (${ingestSeconds.toFixed(2)} s)`);
  console.log(`  ratio ingest/raw       ${(ingestRate / rawRate).toFixed(2)} (target ≥ 0.50)`);
  await queue.drain();
} catch (error) {
  console.error(`ingest bench failed: ${(error as Error).message.slice(0, 500)}`);
  process.exitCode = 1;
} finally {
  await db.drop();
}
