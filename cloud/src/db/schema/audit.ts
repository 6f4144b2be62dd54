import { index, json, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { at, idColumn } from './columns';

/** Who did something: a person, an API token, an agent, or the control plane itself. */
export const ACTOR_KINDS = ['user', 'api_token', 'agent', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Every change to an organization and every command, one row each, written in the same
 * transaction as the change (`db/repos/audit.repo.ts` `recordAudit`). Details never hold secrets.
 */
export const auditLog = mysqlTable(
  'audit_log',
  {
    /** `aud_…`, time-ordered: the list's cursor. */
    id: idColumn('id').primaryKey(),
    orgId: idColumn('org_id').notNull(),
    actorKind: mysqlEnum('actor_kind', ACTOR_KINDS).notNull(),
    actorId: varchar('actor_id', { length: 128 }).notNull(),
    /** `<resource>.<verb>`, e.g. `api_token.create`, `command.create`, `command.finish`. */
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }).notNull(),
    targetId: varchar('target_id', { length: 64 }).notNull(),
    details: json('details').$type<unknown>(),
    requestId: varchar('request_id', { length: 64 }),
    at: at('at').notNull(),
  },
  (t) => [index('audit_log_org_idx').on(t.orgId, t.id)],
);
