#!/usr/bin/env node
// Builds the portal (web/build) when it is missing or older than its sources, so `npm start`,
// `npm run demo` and the portal's tests always serve the portal as it is in the tree.
// `--force` builds regardless. Quick when nothing changed: it only compares modification times.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const web = resolve(import.meta.dirname, '..', 'web');
const built = join(web, 'build', 'index.html');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const force = process.argv.includes('--force');
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newest(join(web, s))));
if (!force && builtAt > changedAt) process.exit(0);

console.log(builtAt ? 'portal: sources changed since the last build; building web/…' : 'portal: not built yet; building web/ (about 20 s)…');
const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: resolve(web, '..'), stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.error('portal: the build failed (see above); fix it or run `npm run build -w web` to see the error again.');
  process.exit(r.status ?? 1);
}
