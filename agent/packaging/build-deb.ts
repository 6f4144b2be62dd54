/**
 * `npm run package -w agent`: builds dist/quorum-agent_<version>_all.deb from a staged tree with
 * `dpkg-deb --root-owner-group --build` — no Docker, no network. The agent and every npm package it
 * uses are bundled into one file, so the package needs only `nodejs (>= 20)`.
 *
 *   node --import tsx packaging/build-deb.ts [--out-dir DIR]
 *
 * Reproducible: every file's mtime (and dpkg-deb's SOURCE_DATE_EPOCH) is the date of the newest
 * packaging/deb/changelog entry, whose version must match agent/package.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundledPackages, copyrightFile, thirdPartyLicenses } from './third-party';

const AGENT = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(AGENT, '..');
const SOURCES = join(AGENT, 'packaging', 'deb');

export const PACKAGE = 'quorum-agent';
export const MAINTAINER = 'Quorum <packages@quorum.example.com>';
export const HOMEPAGE = 'https://quorum.example.com';
const DESCRIPTION = `Quorum agent for MariaDB Galera clusters
 The agent of Quorum, a hosted control plane for MariaDB Galera clusters. It
 runs next to the databases, dials out to the control plane over one
 WebSocket (nothing listens), polls every node's wsrep state each second,
 streams state changes and metrics, and runs only the commands the control
 plane signed and its own configuration allows.
 .
 It runs as the system user quorum-agent under a hardened systemd unit, reads
 /etc/quorum/agent.yaml and keeps its identity and spool in
 /var/lib/quorum-agent.`;

/** npm's `1.2.0-rc.1` is Debian's `1.2.0~rc.1`, which sorts before `1.2.0` as it should. */
export function debianVersion(npmVersion: string): string {
  const v = npmVersion.replace('-', '~');
  if (!/^[0-9][A-Za-z0-9.+~]*$/.test(v)) throw new Error(`agent/package.json version ${npmVersion} cannot be a Debian version`);
  return v;
}

/** The newest changelog entry: its version and its date (seconds since the epoch). */
export function changelogHead(text: string): { version: string; epoch: number } {
  const version = /^quorum-agent \(([^)]+)\)/.exec(text)?.[1];
  const date = /^ -- .+?> {2}(.+)$/m.exec(text)?.[1];
  const epoch = date ? Math.floor(Date.parse(date) / 1000) : NaN;
  if (!version || !Number.isFinite(epoch)) throw new Error('packaging/deb/changelog: the first entry needs a version line and a " -- Name <email>  date" line');
  return { version, epoch };
}

export async function buildDeb(opts: { outDir: string }): Promise<{ path: string; version: string }> {
  const npmVersion = (JSON.parse(readFileSync(join(AGENT, 'package.json'), 'utf8')) as { version: string }).version;
  const version = debianVersion(npmVersion);
  const changelog = readFileSync(join(SOURCES, 'changelog'), 'utf8');
  const head = changelogHead(changelog);
  if (head.version !== version) {
    throw new Error(`packaging/deb/changelog starts at ${head.version} but agent/package.json says ${npmVersion}: add a changelog entry for ${version}`);
  }

  const stage = mkdtempSync(join(tmpdir(), 'quorum-agent-deb-'));
  try {
    const file = (path: string, content: string | Buffer, mode = 0o644) => {
      const at = join(stage, path);
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, content);
      chmodSync(at, mode);
    };
    const copy = (from: string, to: string, mode = 0o644) => file(to, readFileSync(from), mode);

    // The agent in one file: its dependencies inside; `require` for the CommonJS ones (mysql2).
    const bundle = join(stage, 'usr/lib/quorum-agent/quorum-agent.mjs');
    const result = await build({
      entryPoints: [join(AGENT, 'src/main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      outfile: bundle,
      metafile: true,
      legalComments: 'eof',
      logLevel: 'warning',
      absWorkingDir: AGENT,
      banner: { js: "import { createRequire as __quorumCreateRequire } from 'node:module';\nconst require = __quorumCreateRequire(import.meta.url);" },
    });
    chmodSync(bundle, 0o644);
    const packages = bundledPackages(Object.keys(result.metafile.inputs), AGENT);

    copy(join(SOURCES, 'quorum-agent'), 'usr/bin/quorum-agent', 0o755);
    copy(join(SOURCES, 'quorum-agent.service'), 'lib/systemd/system/quorum-agent.service');
    file('usr/share/man/man1/quorum-agent.1.gz', gzipSync(readFileSync(join(SOURCES, 'quorum-agent.1')), { level: 9 }));
    const doc = 'usr/share/doc/quorum-agent';
    copy(join(AGENT, 'README.md'), `${doc}/README.md`);
    file(`${doc}/changelog.gz`, gzipSync(changelog, { level: 9 }));
    file(`${doc}/copyright`, copyrightFile({ maintainer: MAINTAINER, homepage: HOMEPAGE, year: new Date(head.epoch * 1000).getUTCFullYear(), packages }));
    file(`${doc}/THIRD-PARTY-LICENSES`, thirdPartyLicenses(packages));
    for (const name of readdirSync(join(SOURCES, 'examples')).sort()) copy(join(SOURCES, 'examples', name), `${doc}/examples/${name}`);

    const payload = listFiles(stage);
    file('DEBIAN/md5sums', payload.map((p) => `${createHash('md5').update(readFileSync(join(stage, p))).digest('hex')}  ${p}\n`).join(''));
    file('DEBIAN/control', control({ version, installedSizeKiB: installedSize(stage, payload) }));
    for (const script of ['postinst', 'prerm', 'postrm']) copy(join(SOURCES, script), `DEBIAN/${script}`, 0o755);

    for (const dir of ['.', ...listDirs(stage)]) chmodSync(join(stage, dir), 0o755);
    for (const p of [...listFiles(stage, true), ...listDirs(stage), '.']) utimesSync(join(stage, p), head.epoch, head.epoch);

    mkdirSync(opts.outDir, { recursive: true });
    const path = join(resolve(opts.outDir), `${PACKAGE}_${version}_all.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, path], {
      env: { ...process.env, SOURCE_DATE_EPOCH: String(head.epoch) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return { path, version };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function control(opts: { version: string; installedSizeKiB: number }): string {
  return [
    `Package: ${PACKAGE}`,
    `Version: ${opts.version}`,
    'Architecture: all',
    `Maintainer: ${MAINTAINER}`,
    `Installed-Size: ${opts.installedSizeKiB}`,
    'Depends: nodejs (>= 20), adduser',
    'Section: database',
    'Priority: optional',
    `Homepage: ${HOMEPAGE}`,
    `Description: ${DESCRIPTION}`,
    '',
  ].join('\n');
}

/** As dpkg-gencontrol counts it: each file's size in KiB rounded up, plus one per directory. */
function installedSize(stage: string, files: readonly string[]): number {
  const kib = files.reduce((sum, f) => sum + Math.ceil(statSync(join(stage, f)).size / 1024), 0);
  return kib + listDirs(stage).filter((d) => !d.startsWith('DEBIAN')).length;
}

/** Files under `root`, relative, sorted; DEBIAN/ left out unless asked for. */
function listFiles(root: string, withControl = false): string[] {
  return walk(root).filter((p) => !statSync(join(root, p)).isDirectory() && (withControl || !p.startsWith('DEBIAN/')));
}

function listDirs(root: string): string[] {
  return walk(root).filter((p) => statSync(join(root, p)).isDirectory());
}

function walk(root: string, dir = root): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      const rel = relative(root, path);
      return statSync(path).isDirectory() ? [rel, ...walk(root, path)] : [rel];
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out-dir');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : join(AGENT, 'dist');
  const started = performance.now();
  buildDeb({ outDir }).then(
    ({ path }) => {
      const size = statSync(path).size;
      process.stdout.write(`${relative(REPO, path) || path}: ${(size / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    },
    (e: unknown) => {
      process.stderr.write(`package: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
