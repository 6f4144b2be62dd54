import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's own license file, verbatim. */
  text: string;
}

/**
 * The npm packages esbuild put into the bundle, from its metafile's inputs (paths under
 * node_modules), each with its license file. A package without one fails the build: the .deb must
 * carry every bundled license.
 */
export function bundledPackages(inputs: Iterable<string>, root: string): BundledPackage[] {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split(sep).join('/'));
    if (m) dirs.add(m[1]!);
  }
  return [...dirs]
    .map((dir) => {
      const path = join(root, dir);
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
      const file = readdirSync(path).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
      if (!file) throw new Error(`${pkg.name} ${pkg.version} is bundled but has no license file in ${path}`);
      return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see its license text', text: readFileSync(join(path, file), 'utf8').trim() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** usr/share/doc/quorum-agent/THIRD-PARTY-LICENSES: every bundled package with its license text. */
export function thirdPartyLicenses(packages: readonly BundledPackage[]): string {
  const parts = packages.map((p) => `${'='.repeat(78)}\n${p.name} ${p.version} (${p.license})\n${'='.repeat(78)}\n\n${p.text}\n`);
  return `Packages bundled into /usr/lib/quorum-agent/quorum-agent.mjs, with their licenses.\n\n${parts.join('\n')}`;
}

/** DEBIAN-style machine-readable copyright file (copyright-format 1.0). */
export function copyrightFile(opts: { maintainer: string; homepage: string; year: number; packages: readonly BundledPackage[] }): string {
  const licenses = [...new Set(opts.packages.map((p) => p.license))].sort();
  const list = opts.packages.map((p) => ` ${p.name} ${p.version} (${p.license})`).join('\n');
  return `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: quorum-agent
Upstream-Contact: ${opts.maintainer}
Source: ${opts.homepage}

Files: *
Copyright: ${opts.year} Quorum
License: proprietary
 All rights reserved.

Files: usr/lib/quorum-agent/quorum-agent.mjs
Copyright: ${opts.year} Quorum, and the authors of the npm packages bundled into it:
${list}
License: proprietary and ${licenses.join(' and ')}
Comment: Each bundled package's own license text, with its copyright notice, is in
 /usr/share/doc/quorum-agent/THIRD-PARTY-LICENSES.
`;
}
