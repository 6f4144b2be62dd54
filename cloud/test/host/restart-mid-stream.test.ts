import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { agentConnections, ingestedBatches, metricSamples } from '../../src/db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { AgentConnection, agentUrl } from '../gateway/support/agent-client';
import { batchMessage, samples } from '../gateway/support/messages';
import { StreamingAgent } from '../gateway/support/streaming-agent';
import { agentRow, createAgent } from '../gateway/support/tenants';
import { startTestHost } from '../gateway/support/test-host';

let db: TestDatabase;
let dataDir: string;
before(async () => {
  db = await createTestDatabase('restart');
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-restart-'));
});
after(async () => {
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const countRows = async (table: typeof ingestedBatches | typeof metricSamples, orgId: string) =>
  Number((await db.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.orgId, orgId)))[0]?.n ?? 0);

test('the control plane restarts mid-stream: every batch is stored exactly once', async () => {
  const N = 60;
  const first = await startTestHost(db, { dataDir });
  const agent = await createAgent(db.db);
  const client = new StreamingAgent(agent, agentUrl(first.url));
  client.start();
  let second: Awaited<ReturnType<typeof startTestHost>> | undefined;
  try {
    const t0 = Date.now();
    const producer = (async () => {
      for (let i = 0; i < N; i++) {
        client.send(batchMessage({ samples: samples({ observedAt: t0 + i * 1_000 }) }));
        await new Promise((r) => setTimeout(r, 8));
      }
    })();
    while (client.acked.size < 10) await new Promise((r) => setTimeout(r, 5));

    await first.stop(); // graceful: sockets closed with 1001 while batches are still coming
    const stoppedWith = { acked: client.acked.size, unacked: client.unacked };
    second = await startTestHost(db, { dataDir, port: first.port });
    await producer;
    await client.waitAllAcked(20_000);

    assert.ok(client.reconnects >= 1, 'the agent had to reconnect');
    assert.ok(stoppedWith.acked < N, `the restart happened mid-stream (${JSON.stringify(stoppedWith)})`);
    assert.equal(client.acked.size, N);
    assert.equal(await countRows(ingestedBatches, agent.orgId), N, 'no batch lost, none stored twice');
    assert.equal(await countRows(metricSamples, agent.orgId), N * 6);
  } finally {
    await client.stop();
    await second?.stop();
    await first.stop();
  }
});

test('stop closes agent sockets with 1001 "server restarting" and records the disconnects', async () => {
  const host = await startTestHost(db, { dataDir });
  const agent = await createAgent(db.db);
  const conn = await AgentConnection.connect(agentUrl(host.url), agent);
  assert.equal((await agentRow(db.db, agent.agentId)).connected, true);
  await host.stop();
  assert.deepEqual(await conn.closed, { code: 1001, reason: 'server restarting' });
  assert.equal((await agentRow(db.db, agent.agentId)).connected, false);
  assert.equal((await db.db.select().from(agentConnections).where(eq(agentConnections.agentId, agent.agentId))).length, 0);
  await assert.rejects(fetch(`${host.url}/api/v1/health`), 'no longer listening');
});
