import type { MiddlewareHandler } from 'hono';
import { principalFromApiToken } from '../core/auth/resolve-api-token';
import { principalFromSession } from '../core/auth/resolve-session';
import { AppError } from '../errors';
import type { AuthedEnv } from './context';
import { assertNotCrossSite } from './csrf';
import { readSessionCookie, setSessionCookie } from './session-cookie';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The one place a request becomes a principal. An `Authorization` header, if present, is the only
 * credential considered (and must be `Bearer qrm_…`: an agent's `QuorumAgent` connect credential
 * or any other scheme is refused, never passed over in favour of a cookie); otherwise the session
 * cookie. Anything missing, unknown, expired or revoked is 401 `unauthenticated`.
 */
export const requireAuth: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const deps = c.get('deps');
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization.trim())?.[1];
    const principal = token ? await principalFromApiToken(deps, token) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'invalid or expired API token (expected Authorization: Bearer qrm_…)');
    c.set('principal', principal);
    return next();
  }
  const cookie = readSessionCookie(c, deps.config);
  const resolved = cookie ? await principalFromSession(deps, cookie) : undefined;
  if (!resolved) throw new AppError('unauthenticated', cookie ? 'session expired; sign in again' : 'sign in or send an API token');
  assertNotCrossSite(c);
  if (resolved.slidTo !== undefined) setSessionCookie(c, deps.config, cookie as string, resolved.slidTo - deps.clock.now());
  c.set('principal', resolved.principal);
  return next();
};
