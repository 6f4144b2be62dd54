import { Signer as RdsSigner } from '@aws-sdk/rds-signer';
import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { poolOptionsFromUrl, type DatabaseHandle } from '../../db/client';
import * as schema from '../../db/schema/index';
import type { DatabaseConfig } from './config';

/**
 * The database pool of one Lambda container. A container handles one event at a time, so the pool
 * is small (2: a transaction plus the odd query beside it); hundreds of containers share the
 * database through RDS Proxy, which multiplexes them onto a few server connections.
 *
 * With `kind: 'iam'` there is no password: each new connection presents a fresh IAM token
 * (signed locally by @aws-sdk/rds-signer with the function's role, valid 15 minutes) through
 * MySQL's cleartext plugin, over TLS — RDS Proxy requires TLS for IAM auth, and its certificate
 * chains to a public CA that Node trusts.
 */
export function openLambdaDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === 'url') {
    const pool = mysql.createPool({ ...lambdaPoolOptions(config.connectionLimit), ...poolOptionsFromUrl(config.url) });
    const db = drizzle({ client: pool, schema, mode: 'planetscale' });
    return { db, pool, close: () => pool.end() };
  }
  const signer = new RdsSigner({ hostname: config.host, port: config.port, username: config.user, region: config.region });
  const pool = mysql.createPool({
    ...lambdaPoolOptions(config.connectionLimit),
    host: config.host,
    port: config.port,
    user: config.user,
    database: config.database,
    ssl: { rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    authPlugins: { mysql_clear_password: () => async () => Buffer.from(`${await signer.getAuthToken()}\0`) },
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    charset: 'utf8mb4',
  });
  const db = drizzle({ client: pool, schema, mode: 'planetscale' });
  return { db, pool, close: () => pool.end() };
}

function lambdaPoolOptions(connectionLimit: number): mysql.PoolOptions {
  return {
    connectionLimit,
    maxIdle: connectionLimit,
    // A frozen container's idle connections are closed by the proxy; do not keep them forever.
    idleTimeout: 60_000,
    enableKeepAlive: true,
    connectTimeout: 10_000,
  };
}
