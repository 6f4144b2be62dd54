import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { scopeOf } from '../../core/auth/principal';
import { findNode } from '../../db/repos/clusters.repo';
import { bucketedSamples, maxSeriesLength, rawSamples } from '../../db/repos/metric-samples.repo';
import { notFound } from '../../errors';
import type { AppEnv } from '../../http/context';
import { authenticated, errors, idParam, json, V1 } from '../../http/openapi';
import { chooseStep, metricsQuerySchema } from './metrics-query';

const responseSchema = z
  .object({
    nodeId: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    step: z.number().int().nullable().describe('Bucket width of averaged points, or null for raw samples'),
    series: z.array(z.object({ name: z.string(), points: z.array(z.tuple([z.number(), z.number()])).describe('[ts ms, value], ascending') })),
  })
  .openapi('NodeMetrics');

const route = createRoute({
  method: 'get',
  path: `${V1}/nodes/{id}/metrics`,
  tags: ['nodes'],
  summary: 'Time series of one node (at most 31 days; at most 2,000 points per series)',
  ...authenticated,
  request: { params: idParam, query: metricsQuerySchema },
  responses: { 200: json(responseSchema, 'One series per requested name, in the order asked'), ...errors(400, 401, 404) },
});

export function registerGetNodeMetrics(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const scope = scopeOf(c.get('principal'));
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    if (!(await findNode(deps.db, scope, id))) throw notFound('node');
    const sampleQuery = { nodeId: id, names: q.names, from: q.from, to: q.to };
    const step = chooseStep({ ...q, longestSeries: q.step === undefined ? await maxSeriesLength(deps.db, scope, sampleQuery) : 0 });
    const rows = step === undefined ? await rawSamples(deps.db, scope, sampleQuery) : await bucketedSamples(deps.db, scope, sampleQuery, step);
    const byName = new Map<string, Array<[number, number]>>(q.names.map((n) => [n, []]));
    for (const r of rows) byName.get(r.name)?.push([Number(r.ts), Number(r.value)]);
    const series = q.names.map((name) => ({ name, points: byName.get(name) ?? [] }));
    return c.json({ nodeId: id, from: q.from, to: q.to, step: step ?? null, series }, 200);
  });
}
