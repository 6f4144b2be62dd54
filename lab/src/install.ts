import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { GALERA_PROVIDER } from './config';
import { MARIADBD } from './process';

function onPath(program: string): boolean {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What the lab needs from the OS that is not there (empty when all is installed). */
export function missingGaleraPieces(): string[] {
  const missing: string[] = [];
  if (!existsSync(MARIADBD)) missing.push(`mariadbd (${MARIADBD}, package mariadb-server)`);
  if (!existsSync(GALERA_PROVIDER)) missing.push(`${GALERA_PROVIDER} (package galera-4)`);
  if (!onPath('rsync')) missing.push('rsync (package rsync, used for SST)');
  if (!onPath('mariadb-install-db')) missing.push('mariadb-install-db (package mariadb-server)');
  return missing;
}

/**
 * Fails fast, before any slot or directory is taken, when MariaDB/Galera is not installed.
 *
 * @example ensureGaleraInstalled() // throws "galera-lab: missing …; run: sudo scripts/install-os-deps.sh"
 */
export function ensureGaleraInstalled(): void {
  const missing = missingGaleraPieces();
  if (missing.length > 0) {
    throw new Error(`galera-lab: missing ${missing.join(', ')}; run: sudo scripts/install-os-deps.sh`);
  }
}
