import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { recordAudit } from '../../db/repos/audit.repo';
import { deleteSession } from '../../db/repos/sessions.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, V1 } from '../../http/openapi';
import { clearSessionCookie } from '../../http/session-cookie';
import { requireSession } from './require-session';

const route = createRoute({
  method: 'post',
  path: `${V1}/auth/logout`,
  tags: ['auth'],
  summary: 'End the current session (the row is deleted, the cookie cleared)',
  ...authenticated,
  responses: { 204: { description: 'Signed out' }, ...errors(401, 403) },
});

export function registerLogout(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = requireSession(c.get('principal'));
    await deps.db.transaction(async (tx) => {
      await deleteSession(tx, principal.sessionHash);
      await recordAudit(tx, scopeOf(principal), {
        actor: { kind: 'user', id: principal.userId },
        action: 'session.logout',
        target: { type: 'user', id: principal.userId },
        requestId: c.get('requestId'),
        at: deps.clock.now(),
      });
    });
    clearSessionCookie(c, deps.config);
    return c.body(null, 204);
  });
}
