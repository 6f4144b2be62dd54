#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another, each printing its own measured ratios.
// Not part of CI: they need minutes and a quiet machine.
import { spawnSync } from 'node:child_process';

const benches = [
  ['ingest throughput vs raw INSERTs', 'cloud', 'bench/ingest.bench.ts'],
  ['agent cost on a 3-node lab', 'agent', 'bench/agent-cost.ts'],
  ['split-brain detection latency', 'e2e', 'bench/detection.bench.ts'],
  ['portal initial JavaScript (gzip)', 'web', 'bench/initial-js.bench.ts'],
  ['portal cluster page render, 24 h of 10 s samples', 'web', 'bench/cluster-render.bench.ts'],
  ['split brain to Slack and email (alert delivery latency)', 'e2e', 'bench/alert-latency.bench.ts'],
];
const only = process.argv[2];
let failed = 0;
for (const [label, cwd, file] of benches) {
  if (only && !label.includes(only) && !file.includes(only)) continue;
  console.log(`\n=== ${label} (${cwd}/${file}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
