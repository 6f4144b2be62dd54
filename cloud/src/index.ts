// What other workspaces (the end-to-end harness, the demo, benchmarks) use of the control plane.
export { startLocalHost, type LocalHost, type LocalHostOptions } from './adapters/local/host';
export { openDatabase, migrateDatabase, ensureDatabaseExists, type Database, type DatabaseHandle } from './db/client';
export * as schema from './db/schema/index';
export type { Assessment, Health } from './core/galera/types';
