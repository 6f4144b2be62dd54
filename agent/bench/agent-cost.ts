/**
 * What watching real Galera nodes costs: CPU and RSS of `quorum-agent run` as a process on a
 * 3-node lab at the default intervals (state 1 s, samples 10 s), reporting to an in-process test
 * cloud — once through the launcher (tsx compiles the TypeScript at start: the loader alone costs
 * ~40 MB RSS) and once as the esbuild bundle (`npm run build`, what a package would ship); and,
 * when `prometheus-mysqld-exporter` is installed, the CPU of one exporter per node scraped every
 * second over the same time, for a per-node ratio.
 *
 *   npm run bench -w agent              (BENCH_SECONDS=60 by default)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaleraLab } from '@quorum/lab';
import { FakeCloud } from '../test/helpers/fake-cloud';
import { makeIdentity, tempDir, writePasswordFile } from '../test/helpers/fixtures';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_MS = 5000;
const BIN = fileURLToPath(new URL('../bin/quorum-agent', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/quorum-agent.mjs', import.meta.url));
const EXPORTER = '/usr/bin/prometheus-mysqld-exporter';
const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process and its children have used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11..14] = utime stime cutime cstime (stat fields 14..17)
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function measure(pids: number[], seconds: number, during?: () => Promise<void>) {
  const before = pids.map(cpuSeconds);
  const started = Date.now();
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, ...pids.map(rssMb))), 1000);
  await (during ? during() : new Promise((r) => setTimeout(r, seconds * 1000)));
  clearInterval(sampler);
  const wall = (Date.now() - started) / 1000;
  const cpu = pids.map((p, i) => cpuSeconds(p) - before[i]!).reduce((a, b) => a + b, 0);
  return { cpu, wall, percentOfCore: (100 * cpu) / wall, maxRssMb: maxRss };
}


const lab = await GaleraLab.create({ nodes: 3 });
const dir = await tempDir('quorum-agent-bench-');
const children: ChildProcess[] = [];
let cloud: FakeCloud | undefined;
try {
  const pw = await writePasswordFile(dir.path, lab.monitor.password);
  const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
  cloud = await FakeCloud.start({ agents: { [identity.agentId]: publicKey } });
  identity.websocketUrl = cloud.websocketUrl;
  const stateDir = join(dir.path, 'state');
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFile(join(stateDir, 'identity.json'), JSON.stringify(identity), { mode: 0o600 });
  const configPath = join(dir.path, 'agent.yaml');
  await writeFile(
    configPath,
    `stateDir: ${stateDir}\nlog: { level: warn }\nclusters:\n  - name: bench\n    nodes:\n${lab.nodes
      .map((n) => `      - name: ${n.name}\n        mysql: { host: ${n.host}, port: ${n.port}, user: ${lab.monitor.user}, passwordFile: ${pw} }\n`)
      .join('')}`,
  );
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const variants: [string, string, string[]][] = [
    ['launcher (tsx)', BIN, ['run', '--config', configPath]],
    ['bundle (dist/quorum-agent.mjs)', process.execPath, [BUNDLE, 'run', '--config', configPath]],
  ];
  let agentPercent = 0;
  for (const [label, command, args] of variants) {
    const agent = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(agent);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const batchesBefore = cloud.stored;
    const a = await measure([agent.pid!], SECONDS);
    const batches = cloud.stored - batchesBefore;
    agent.kill('SIGTERM');
    await new Promise((r) => agent.once('close', r));
    agentPercent = a.percentOfCore;
    console.log(`agent ${label}, 3 nodes, state every 1 s, samples every 10 s, ${a.wall.toFixed(0)} s:`);
    console.log(`  CPU ${a.cpu.toFixed(2)} s = ${a.percentOfCore.toFixed(3)} % of one core (${(a.percentOfCore / 3).toFixed(3)} % per node)`);
    console.log(`  RSS max ${a.maxRssMb.toFixed(1)} MB; ${batches} batches stored by the cloud`);
  }

  if (!existsSync(EXPORTER)) {
    console.log(`(${EXPORTER} not installed: no exporter comparison)`);
  } else {
    const exporters = await Promise.all(
      lab.nodes.map(async (n, i) => {
        const cnf = join(dir.path, `exporter-${n.name}.cnf`);
        await writeFile(cnf, `[client]\nuser=${lab.monitor.user}\npassword=${lab.monitor.password}\nhost=${n.host}\nport=${n.port}\n`, { mode: 0o600 });
        const port = 19_180 + i;
        const child = spawn(EXPORTER, [`--config.my-cnf=${cnf}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
        children.push(child);
        return { child, url: `http://127.0.0.1:${port}/metrics` };
      }),
    );
    await new Promise((r) => setTimeout(r, 2000));
    let scrapes = 0;
    const e = await measure(
      exporters.map((x) => x.child.pid!),
      SECONDS,
      async () => {
        const until = Date.now() + SECONDS * 1000;
        while (Date.now() < until) {
          const tick = Date.now();
          await Promise.all(exporters.map(async (x) => (await fetch(x.url)).text()));
          scrapes += 1;
          await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
        }
      },
    );
    console.log(`prometheus-mysqld-exporter, one per node, each scraped every 1 s (${scrapes} rounds), ${e.wall.toFixed(0)} s:`);
    console.log(`  CPU ${e.cpu.toFixed(2)} s = ${e.percentOfCore.toFixed(3)} % of one core (${(e.percentOfCore / 3).toFixed(3)} % per node); RSS max ${e.maxRssMb.toFixed(1)} MB each`);
    console.log(`ratio agent (bundle) / exporter CPU per node: ${(agentPercent / e.percentOfCore).toFixed(2)}`);
  }
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await cloud?.stop();
  await lab.destroy();
  await dir.remove();
}
