import { setTimeout as sleep } from 'node:timers/promises';
import { Stack } from '../src/stack';
import { waitFor } from '../src/wait';

/**
 * Detection latency on the real 3-node lab: the weekend fault (node3 restarted with an empty
 * gcomm://) is injected, and the clock runs until `split_brain` is visible in the API
 * (GET /clusters, polled every 100 ms), over TRIALS trials. Target: p95 ≤ 3 s.
 *
 * "Injected" = the moment mariadbd is started with the empty address (it becomes Primary about
 * a second later, GALERA.md §6). Between trials node3 is repaired the documented way: stopped,
 * grastate.dat deleted (its writes are discarded by a full SST), started normally.
 */
const TRIALS = Number(process.env.BENCH_TRIALS ?? 10);

const stack = await Stack.start({ polling: { stateIntervalMs: 1000, sampleIntervalMs: 10_000 }, log: (l) => console.error(`  ${l}`) });
const latencies: number[] = [];
try {
  await stack.waitForHealth('healthy', { timeoutMs: 90_000 });
  for (let trial = 1; trial <= TRIALS; trial++) {
    await stack.stopForSplit('node3');

    const injectedAt = Date.now();
    await stack.lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'], wait: 'none' });
    await waitFor('split_brain in the API', async () =>
      (await stack.clusters()).some((c) => c.health === 'split_brain') ? true : undefined,
    { timeoutMs: 30_000, intervalMs: 100 });
    const latency = Date.now() - injectedAt;
    latencies.push(latency);
    console.log(`trial ${String(trial).padStart(2)}: split_brain visible ${(latency / 1000).toFixed(2)} s after the fault`);

    await stack.repairSplitNode('node3');
    await sleep(1_000);
  }
} finally {
  await stack.stop();
}
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
console.log(
  `detection latency over ${sorted.length} trials: p50 ${(pct(50) / 1000).toFixed(2)} s, p95 ${(pct(95) / 1000).toFixed(2)} s, ` +
    `max ${(sorted.at(-1)! / 1000).toFixed(2)} s (target p95 ≤ 3 s)`,
);
