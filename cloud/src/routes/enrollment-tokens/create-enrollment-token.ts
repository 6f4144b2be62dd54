import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { generateSecret, hashSecret } from '../../core/auth/tokens';
import { actorOf } from '../../core/audit/actor';
import { recordAudit } from '../../db/repos/audit.repo';
import { findEnrollmentToken, insertEnrollmentToken } from '../../db/repos/enrollment-tokens.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, jsonBody, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { enrollmentTokenSchema, enrollmentTokenView } from './enrollment-token.schemas';

const MAX_MINUTES = 7 * 24 * 60;

const body = z
  .object({
    maxUses: z.number().int().min(1).max(1000).default(1).describe('How many agents may enroll with it'),
    expiresInMinutes: z.number().int().min(1).max(MAX_MINUTES).default(60).describe('At most 7 days'),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/enrollment-tokens`,
  tags: ['enrollment-tokens'],
  summary: 'Create an enrollment token for `quorum-agent enroll` (admin); the secret is in this response only',
  ...authenticated,
  request: { body: jsonBody(body) },
  responses: {
    201: json(enrollmentTokenSchema.extend({ token: z.string().describe('`qre_…`: shown once') }), 'The token'),
    ...errors(400, 401, 403, 413, 415),
  },
});

export function registerCreateEnrollmentToken(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const input = c.req.valid('json');
    const now = deps.clock.now();
    const token = generateSecret('enrollment');
    const id = newId('enr', now);
    const scope = scopeOf(principal);
    await deps.db.transaction(async (tx) => {
      await insertEnrollmentToken(tx, scope, {
        id,
        tokenHash: hashSecret(token),
        maxUses: input.maxUses,
        uses: 0,
        createdBy: principal.kind === 'user' ? principal.userId : principal.createdBy,
        createdAt: new Date(now),
        expiresAt: new Date(now + input.expiresInMinutes * 60_000),
      });
      await recordAudit(tx, scope, {
        actor: actorOf(principal),
        action: 'enrollment_token.create',
        target: { type: 'enrollment_token', id },
        details: { maxUses: input.maxUses, expiresAt: now + input.expiresInMinutes * 60_000 },
        requestId: c.get('requestId'),
        at: now,
      });
    });
    const row = await findEnrollmentToken(deps.db, scope, id);
    if (!row) throw new Error('enrollment token vanished after insert');
    deps.log.info('enrollment token created', { enrollmentTokenId: id, orgId: scope.orgId, maxUses: input.maxUses });
    return c.json({ ...enrollmentTokenView(row, now), token }, 201);
  });
}
