#!/usr/bin/env node
// `npm test`: type-check the whole repository, then run every workspace's tests in order.
// Every workspace with a "test" script runs; a failure in one does not hide the others.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const failed = [];
const run = (label, cmd, args) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) failed.push(label);
};

run('typecheck', 'npm', ['run', 'typecheck', '--silent']);
for (const ws of root.workspaces) {
  const pkg = JSON.parse(readFileSync(`${ws}/package.json`, 'utf8'));
  if (pkg.scripts?.test) run(`${ws} tests`, 'npm', ['test', '-w', ws, '--silent']);
}
if (failed.length > 0) {
  console.error(`\nFAILED: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll workspaces passed.');
