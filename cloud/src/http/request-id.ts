import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../deps';
import type { AppEnv } from './context';

/**
 * Gives every request an id (returned as `X-Request-Id`, quoted in 500 bodies and logs) and puts
 * the ports bundle on the context, so route modules need no closure over `deps`. An incoming
 * `X-Request-Id` is not trusted: a client could make its errors collide with someone else's.
 */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = `req_${randomBytes(9).toString('base64url')}`;
    c.set('requestId', id);
    c.set('deps', deps);
    c.header('X-Request-Id', id);
    await next();
  };
}
