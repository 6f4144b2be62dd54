import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { hashPassword } from '../../core/auth/password';
import { startSession } from '../../core/auth/start-session';
import { recordAudit } from '../../db/repos/audit.repo';
import { insertMembership } from '../../db/repos/memberships.repo';
import { insertOrganization } from '../../db/repos/organizations.repo';
import { isDuplicateKey } from '../../db/repos/queryable';
import { findUserByEmail, insertUser } from '../../db/repos/users.repo';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/context';
import { errors, json, jsonBody, publicRoute, V1 } from '../../http/openapi';
import { setSessionCookie } from '../../http/session-cookie';
import { newId } from '../../ids';
import { emailSchema, meSchema, newPasswordSchema } from './auth.schemas';
import { meView } from './me-view';

const body = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    organization: z.string().trim().min(1).max(128).openapi({ example: 'Acme Retail' }),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/auth/signup`,
  tags: ['auth'],
  summary: 'Create an organization and its owner, and sign in',
  ...publicRoute,
  request: { body: jsonBody(body) },
  responses: {
    201: json(meSchema, 'Signed up; the session cookie is set'),
    ...errors(400, 409, 413, 415),
  },
});

const CONFLICT = () => new AppError('conflict', 'an account with this email already exists; sign in instead');

export function registerSignup(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    if (await findUserByEmail(deps.db, input.email)) throw CONFLICT();
    const now = deps.clock.now();
    const orgId = newId('org', now);
    const userId = newId('usr', now);
    const passwordHash = await hashPassword(input.password);
    let session: { token: string; expiresAt: number };
    try {
      session = await deps.db.transaction(async (tx) => {
        const scope = tenantScope(orgId);
        await insertOrganization(tx, { id: orgId, name: input.organization, createdAt: new Date(now) });
        await insertUser(tx, { id: userId, email: input.email, passwordHash, createdAt: new Date(now) });
        await insertMembership(tx, scope, { userId, role: 'owner', createdAt: new Date(now) });
        const started = await startSession(tx, deps.clock, { userId, orgId });
        const actor = { kind: 'user' as const, id: userId };
        const requestId = c.get('requestId');
        await recordAudit(tx, scope, { actor, action: 'organization.create', target: { type: 'organization', id: orgId }, details: { name: input.organization, owner: userId }, requestId, at: now });
        await recordAudit(tx, scope, { actor, action: 'session.login', target: { type: 'user', id: userId }, details: { via: 'signup' }, requestId, at: now });
        return started;
      });
    } catch (err) {
      // Two signups with one email at once: the unique index decides, the loser gets the 409.
      if (isDuplicateKey(err)) throw CONFLICT();
      throw err;
    }
    setSessionCookie(c, deps.config, session.token, session.expiresAt - now);
    deps.log.info('signed up', { userId, orgId });
    const me = await meView(deps, { kind: 'user', userId, orgId, role: 'owner', sessionHash: '' });
    return c.json(me, 201);
  });
}

