import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { requireRole } from '../../core/auth/roles';
import { requestEvaluation } from '../../db/alert-store/evaluation.store';
import { expireSilence, findSilence } from '../../db/repos/silences.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, V1 } from '../../http/openapi';

const route = createRoute({
  method: 'delete',
  path: `${V1}/silences/{id}`,
  tags: ['alerts'],
  summary: 'End a silence or maintenance window now (operator); it stays in the history. Idempotent.',
  ...authenticated,
  request: { params: idParam },
  responses: { 204: { description: 'Ended' }, ...errors(400, 401, 403, 404) },
});

export function registerDeleteSilence(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    requireRole(principal, 'operator');
    const scope = scopeOf(principal);
    const { id } = c.req.valid('param');
    const silence = await findSilence(deps.db, scope, id);
    if (!silence) throw notFound('silence');
    const now = deps.clock.now();
    await expireSilence(deps.db, scope, id, now);
    await requestEvaluation(deps.db, scope, now, silence.clusterId ? [silence.clusterId] : undefined);
    deps.log.info('silence ended', { orgId: scope.orgId, silenceId: id });
    return c.body(null, 204);
  });
}
