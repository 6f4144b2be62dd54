import type { Hono, NotFoundHandler } from 'hono';
import { AppError } from '../errors';
import type { AppEnv } from './context';
import { errorResponse } from './error-handler';

/**
 * Unknown paths get a JSON 404; a known path with the wrong method gets a 405 with `Allow`, so a
 * client calling `DELETE /clusters/{id}` learns the path exists but the method does not.
 */
export function notFoundHandler(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let patterns: Array<{ method: string; regex: RegExp }> | undefined;
  return (c) => {
    patterns ??= app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, regex: pathRegex(r.path) }));
    const allowed = [...new Set(patterns.filter((p) => p.regex.test(c.req.path)).map((p) => p.method))];
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return errorResponse(c, new AppError('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path} (allowed: ${allowed.join(', ')})`));
    }
    return errorResponse(c, new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`));
  };
}

function pathRegex(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}
