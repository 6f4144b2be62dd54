import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (cdk/lib → two levels up): esbuild's project root and lock file. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCK_FILE = `${REPO_ROOT}package-lock.json`;
export const AWS_HANDLERS = `${REPO_ROOT}cloud/src/adapters/aws/handlers`;
export const MIGRATIONS = `${REPO_ROOT}cloud/src/db/migrations`;
export const PORTAL_BUILD = `${REPO_ROOT}web/build`;
/** Where `npm run package -w agent` writes quorum-agent_<version>_all.deb. */
export const AGENT_PACKAGES = `${REPO_ROOT}agent/dist`;

export function existingDir(path: string): string | undefined {
  return existsSync(path) ? path : undefined;
}
