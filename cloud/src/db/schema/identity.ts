import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { at, idColumn } from './columns';

/** Roles in an organization, weakest first (see `core/auth/roles.ts`). */
export const ROLES = ['viewer', 'operator', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const organizations = mysqlTable('organizations', {
  id: idColumn('id').primaryKey(),
  name: varchar('name', { length: 128 }).notNull(),
  createdAt: at('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});

export const users = mysqlTable(
  'users',
  {
    id: idColumn('id').primaryKey(),
    email: varchar('email', { length: 254 }).notNull(),
    /** `scrypt$N$r$p$salt$hash` (see `core/auth/password.ts`). */
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    createdAt: at('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

export const memberships = mysqlTable(
  'memberships',
  {
    orgId: idColumn('org_id').notNull(),
    userId: idColumn('user_id').notNull(),
    role: mysqlEnum('role', ROLES).notNull(),
    createdAt: at('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** Portal sessions; the cookie holds the token, the table only its SHA-256. */
export const sessions = mysqlTable(
  'sessions',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: idColumn('user_id').notNull(),
    /** The organization the portal is looking at (the org switcher changes it). */
    activeOrgId: idColumn('active_org_id').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Bearer tokens for automation, bound to one organization and a role; stored hashed. */
export const apiTokens = mysqlTable(
  'api_tokens',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    name: varchar('name', { length: 128 }).notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    role: mysqlEnum('role', ROLES).notNull(),
    createdBy: idColumn('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at'),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_org_idx').on(t.orgId)],
);

/** Tokens an agent trades for its identity: expiring, single- or N-use, bound to an org. */
export const enrollmentTokens = mysqlTable(
  'enrollment_tokens',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    maxUses: int('max_uses').notNull(),
    uses: int('uses').notNull().default(0),
    createdBy: idColumn('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('enrollment_tokens_hash_uq').on(t.tokenHash), index('enrollment_tokens_org_idx').on(t.orgId)],
);

/**
 * Invitations to join an organization with a role: bound to one email, expiring, single use. The
 * link's token is shown once to the admin who invites; the table keeps its SHA-256.
 */
export const invitations = mysqlTable(
  'invitations',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    /** Normalized (`core/auth/email.ts`): only this email may accept it. */
    email: varchar('email', { length: 254 }).notNull(),
    role: mysqlEnum('role', ROLES).notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    createdBy: idColumn('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    acceptedBy: idColumn('accepted_by'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('invitations_hash_uq').on(t.tokenHash), index('invitations_org_email_idx').on(t.orgId, t.email)],
);

export const agents = mysqlTable(
  'agents',
  {
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    hostname: varchar('hostname', { length: 255 }).notNull(),
    version: varchar('version', { length: 64 }).notNull(),
    /** Ed25519, base64 DER SPKI. */
    publicKey: text('public_key').notNull(),
    enrollmentTokenId: idColumn('enrollment_token_id').notNull(),
    enrolledAt: at('enrolled_at').notNull(),
    lastSeenAt: at('last_seen_at'),
    /** `ts` of the last accepted connect credential: a credential must be newer (replay guard). */
    lastConnectTs: bigint('last_connect_ts', { mode: 'number' }).notNull().default(0),
    connected: boolean('connected').notNull().default(false),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('agents_org_idx').on(t.orgId)],
);

/** Live WebSocket connections (a local process id or an API Gateway connection id). */
export const agentConnections = mysqlTable(
  'agent_connections',
  {
    connectionId: varchar('connection_id', { length: 128 }).primaryKey(),
    orgId: idColumn('org_id').notNull(),
    agentId: idColumn('agent_id').notNull(),
    connectedAt: at('connected_at').notNull(),
    lastMessageAt: at('last_message_at').notNull(),
    helloAt: at('hello_at'),
  },
  (t) => [index('agent_connections_agent_idx').on(t.agentId)],
);

/** Fixed-window counters for rate limits that must hold across processes (login attempts). */
export const rateLimits = mysqlTable('rate_limits', {
  key: varchar('key', { length: 191 }).primaryKey(),
  windowStart: at('window_start').notNull(),
  count: int('count').notNull(),
});
