import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { listAudit } from '../../db/repos/audit.repo';
import { ACTOR_KINDS } from '../../db/schema/audit';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, millis, V1 } from '../../http/openapi';

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z
      .string()
      .regex(/^aud_[0-9A-Z]{26}$/, 'not an audit entry id')
      .optional()
      .describe('`nextBefore` of the previous page: entries older than this one'),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string() }),
    action: z.string().describe('`<resource>.<verb>`: session.login, api_token.create, command.create, command.approve, command.cancel, command.finish, …'),
    target: z.object({ type: z.string(), id: z.string() }),
    details: z.unknown(),
    requestId: z.string().nullable(),
    at: millis,
  })
  .openapi('AuditEntry');

const route = createRoute({
  method: 'get',
  path: `${V1}/audit`,
  tags: ['audit'],
  summary: 'The audit log, newest first (admin): every change and every command, by whom',
  ...authenticated,
  request: { query },
  responses: { 200: json(z.object({ entries: z.array(entrySchema), nextBefore: z.string().nullable() }), 'A page of entries'), ...errors(400, 401, 403) },
});

export function registerListAudit(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const { limit, before } = c.req.valid('query');
    const rows = await listAudit(c.get('deps').db, scopeOf(principal), { limit, ...(before ? { before } : {}) });
    const entries = rows.map((r) => ({
      id: r.id,
      actor: { kind: r.actorKind, id: r.actorId },
      action: r.action,
      target: { type: r.targetType, id: r.targetId },
      details: r.details ?? null,
      requestId: r.requestId,
      at: r.at.getTime(),
    }));
    const last = entries[entries.length - 1];
    return c.json({ entries, nextBefore: entries.length === limit && last ? last.id : null }, 200);
  });
}
