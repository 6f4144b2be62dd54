import pkg from '../package.json' with { type: 'json' };

/**
 * The agent's version, from agent/package.json (one source of truth). Imported rather than read at
 * run time, so the single-file bundle the package ships (no package.json beside it) carries it.
 */
export const AGENT_VERSION: string = pkg.version;
