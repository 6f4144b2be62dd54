import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { listSilences } from '../../db/repos/silences.repo';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, json, V1 } from '../../http/openapi';
import { silenceSchema, silenceView } from '../alerts/alert.schemas';

const query = z
  .object({
    include: z.enum(['current', 'all']).default('current').describe('`current` (default): not ended yet (active or scheduled); `all`: history too'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const route = createRoute({
  method: 'get',
  path: `${V1}/silences`,
  tags: ['alerts'],
  summary: 'Silences and maintenance windows, newest first',
  ...authenticated,
  request: { query },
  responses: { 200: json(z.object({ silences: z.array(silenceSchema) }), 'The silences'), ...errors(400, 401) },
});

export function registerListSilences(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const now = deps.clock.now();
    const rows = await listSilences(deps.db, scopeOf(c.get('principal')), { limit: q.limit, ...(q.include === 'current' ? { activeAt: now } : {}) });
    return c.json({ silences: rows.map((r) => silenceView(r, now)) }, 200);
  });
}
