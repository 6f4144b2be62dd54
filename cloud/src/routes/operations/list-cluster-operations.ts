import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findCluster } from '../../db/repos/clusters.repo';
import { findCommand, listClusterCommands } from '../../db/repos/commands.repo';
import { AppError, notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { operationSchema, operationView } from './operation.schemas';

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.uuid({ error: 'not an operation id' }).optional().describe('`nextBefore` of the previous page'),
  })
  .strict();

const route = createRoute({
  method: 'get',
  path: `${V1}/clusters/{id}/operations`,
  tags: ['operations'],
  summary: 'The cluster’s operations and their steps, newest first, in pages',
  ...authenticated,
  request: { params: idParam, query },
  responses: {
    200: json(z.object({ operations: z.array(operationSchema), nextBefore: z.string().nullable() }), 'A page of operations'),
    ...errors(400, 401, 404),
  },
});

export function registerListClusterOperations(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const { id } = c.req.valid('param');
    const { limit, before } = c.req.valid('query');
    if (!(await findCluster(deps.db, scope, id))) throw notFound('cluster');
    const cursor = before ? await findCommand(deps.db, scope, before) : undefined;
    if (before && (!cursor || cursor.clusterId !== id)) throw new AppError('validation_failed', 'invalid query: before: no such operation in this cluster');
    const rows = await listClusterCommands(deps.db, scope, { clusterId: id, limit, ...(cursor ? { before: { createdAt: cursor.createdAt, id: cursor.id } } : {}) });
    const last = rows[rows.length - 1];
    return c.json({ operations: rows.map(operationView), nextBefore: rows.length === limit && last ? last.id : null }, 200);
  });
}
