import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dummyPasswordHash, verifyPassword, PASSWORD_MAX_LENGTH } from '../../core/auth/password';
import { RATE_LIMITS } from '../../core/auth/policy';
import { assertUnderLimit, rateLimitKeys, recordFailure, resetLimit } from '../../core/auth/rate-limit';
import { startSession } from '../../core/auth/start-session';
import { listMembershipsOfUser } from '../../db/repos/memberships.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { findUserByEmail } from '../../db/repos/users.repo';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import type { AppEnv } from '../../http/context';
import { errors, json, jsonBody, publicRoute, V1 } from '../../http/openapi';
import { setSessionCookie } from '../../http/session-cookie';
import { emailSchema, meSchema } from './auth.schemas';
import { meView } from './me-view';

const body = z.object({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }).strict();

const route = createRoute({
  method: 'post',
  path: `${V1}/auth/login`,
  tags: ['auth'],
  summary: 'Sign in with email and password',
  description: `At most ${RATE_LIMITS.loginPerEmail.limit} failures per email and ${RATE_LIMITS.loginPerIp.limit} per IP in 15 minutes.`,
  ...publicRoute,
  request: { body: jsonBody(body) },
  responses: {
    200: json(meSchema, 'Signed in; the session cookie is set'),
    ...errors(400, 401, 413, 415, 429),
  },
});

/** The same words for an unknown email and a wrong password: the API does not tell which. */
const INVALID = () => new AppError('unauthenticated', 'invalid email or password');

export function registerLogin(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const { email, password } = c.req.valid('json');
    const now = deps.clock.now();
    const emailKey = rateLimitKeys.loginEmail(email);
    const ipKey = rateLimitKeys.loginIp(clientIp(c));
    await assertUnderLimit(deps.db, emailKey, RATE_LIMITS.loginPerEmail, now);
    await assertUnderLimit(deps.db, ipKey, RATE_LIMITS.loginPerIp, now);

    const user = await findUserByEmail(deps.db, email);
    // Unknown emails still pay for a verification, so timing does not tell them apart either.
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    const membership = user && passwordOk ? (await listMembershipsOfUser(deps.db, user.id))[0] : undefined;
    if (!user || !passwordOk || !membership) {
      await recordFailure(deps.db, emailKey, RATE_LIMITS.loginPerEmail, now);
      await recordFailure(deps.db, ipKey, RATE_LIMITS.loginPerIp, now);
      throw INVALID();
    }
    await resetLimit(deps.db, emailKey);
    const session = await deps.db.transaction(async (tx) => {
      const started = await startSession(tx, deps.clock, { userId: user.id, orgId: membership.orgId });
      await recordAudit(tx, tenantScope(membership.orgId), {
        actor: { kind: 'user', id: user.id },
        action: 'session.login',
        target: { type: 'user', id: user.id },
        details: { ip: clientIp(c) },
        requestId: c.get('requestId'),
        at: now,
      });
      return started;
    });
    setSessionCookie(c, deps.config, session.token, session.expiresAt - now);
    const me = await meView(deps, { kind: 'user', userId: user.id, orgId: membership.orgId, role: membership.role, sessionHash: '' });
    return c.json(me, 200);
  });
}
