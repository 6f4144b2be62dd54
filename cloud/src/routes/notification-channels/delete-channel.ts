import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { deleteChannel, findChannel } from '../../db/repos/notification-channels.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'delete',
  path: `${V1}/notification-channels/{id}`,
  tags: ['alerts'],
  summary: 'Delete a notification channel (admin); its delivery log stays',
  ...authenticated,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errors(400, 401, 403, 404) },
});

export function registerDeleteChannel(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const scope = scopeOf(principal);
    const { id } = c.req.valid('param');
    if (!(await findChannel(deps.db, scope, id))) throw notFound('notification channel');
    await deleteChannel(deps.db, scope, id);
    deps.log.info('notification channel deleted', { orgId: scope.orgId, channelId: id });
    return c.body(null, 204);
  });
}
