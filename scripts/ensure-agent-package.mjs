#!/usr/bin/env node
// Builds the agent's .deb (agent/dist/quorum-agent_<version>_all.deb, served by the local host at
// /downloads/ for the Agents page's install commands) when it is missing or older than its
// sources. About 3 s when it builds; a no-op otherwise. Never stops `npm start`: without dpkg-deb
// (not Debian/Ubuntu) or on a failed build it says so and the download answers 404.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const agent = join(repo, 'agent');
const version = JSON.parse(readFileSync(join(agent, 'package.json'), 'utf8')).version.replace('-', '~');
const deb = join(agent, 'dist', `quorum-agent_${version}_all.deb`);
const sources = [join(agent, 'src'), join(agent, 'packaging'), join(agent, 'package.json'), join(agent, 'README.md'), join(repo, 'protocol', 'src')];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(deb) ? statSync(deb).mtimeMs : 0;
if (builtAt > Math.max(...sources.map(newest))) process.exit(0);
if (spawnSync('sh', ['-c', 'command -v dpkg-deb'], { stdio: 'ignore' }).status !== 0) {
  console.log('agent package: dpkg-deb is not installed, so the .deb is not built; /downloads/ answers 404.');
  process.exit(0);
}
console.log(builtAt ? 'agent package: sources changed; building the .deb…' : 'agent package: building the .deb (a few seconds)…');
const r = spawnSync('npm', ['run', 'package', '-w', 'agent', '--silent'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) console.error('agent package: the build failed (see above); the control plane starts anyway, /downloads/ answers 404.');
