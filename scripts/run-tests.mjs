#!/usr/bin/env node
// Runs one workspace's tests: every *.test.ts under src/ and test/, passed to `node --test` as an
// explicit list. (On Node 20 a quoted glob fails, and an empty list means "0 tests, exit 0" — so an
// empty list is an error here.) Arguments, if given, narrow the run to those files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const requested = process.argv.slice(2);
const files = (requested.length > 0 ? requested : [...findTests('src'), ...findTests('test')])
  .map((f) => relative(process.cwd(), f))
  .sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${process.cwd()}/src or /test`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
