import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole, roleAtLeast } from '../../core/auth/roles';
import { generateSecret, hashSecret } from '../../core/auth/tokens';
import { actorOf } from '../../core/audit/actor';
import { findApiToken, insertApiToken } from '../../db/repos/api-tokens.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { roleSchema } from '../auth/auth.schemas';
import { apiTokenSchema, apiTokenView } from './api-token.schemas';

const DAY = 24 * 60 * 60 * 1000;

const body = z
  .object({
    name: z.string().trim().min(1).max(128).openapi({ example: 'terraform' }),
    role: roleSchema.default('viewer').describe('At most your own role; defaults to viewer (least privilege)'),
    expiresInDays: z.number().int().min(1).max(365).optional().describe('Omit for a token that never expires'),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/api-tokens`,
  tags: ['api-tokens'],
  summary: 'Create an API token (admin); the secret is in this response only',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: {
    201: json(apiTokenSchema.extend({ token: z.string().describe('`qrm_…`: shown once, store it now') }), 'The token'),
    ...errors(400, 401, 403, 413, 415),
  },
});

export function registerCreateApiToken(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const input = c.req.valid('json');
    if (!roleAtLeast(principal.role, input.role)) {
      throw new AppError('forbidden', `a token cannot have more than your own role (${principal.role})`);
    }
    const now = deps.clock.now();
    const token = generateSecret('apiToken');
    const id = newId('tok', now);
    const scope = scopeOf(principal);
    const expiresAt = input.expiresInDays ? now + input.expiresInDays * DAY : null;
    await deps.db.transaction(async (tx) => {
      await insertApiToken(tx, scope, {
        id,
        name: input.name,
        role: input.role,
        tokenHash: hashSecret(token),
        // A token made with a token is recorded as its creator's, so the role cap follows that person.
        createdBy: principal.kind === 'user' ? principal.userId : principal.createdBy,
        createdAt: new Date(now),
        expiresAt: expiresAt === null ? null : new Date(expiresAt),
      });
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'api_token.create',
        target: { type: 'api_token', id },
        details: { name: input.name, role: input.role, expiresAt },
        requestId: c.get('requestId'),
        at: now,
      });
    });
    const row = await findApiToken(deps.db, scope, id);
    if (!row) throw new Error('api token vanished after insert');
    deps.log.info('api token created', { tokenId: id, orgId: scope.orgId, role: input.role });
    return c.json({ ...apiTokenView(row), token }, 201);
  });
}
