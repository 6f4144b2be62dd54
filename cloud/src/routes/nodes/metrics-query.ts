import { z } from '@hono/zod-openapi';
import { isMetricName, METRIC_NAMES } from '@quorum/protocol';

export const MAX_RANGE_MS = 31 * 24 * 60 * 60 * 1000;
/** No series returns more points than this; longer ranges are averaged into buckets. */
export const MAX_POINTS = 2000;
export const MAX_SERIES = 12;

const ms = z.coerce.number().int().min(0).max(8_640_000_000_000);

/**
 * `?names=a,b&from=ms&to=ms[&step=ms]`. `from` is inclusive, `to` exclusive. Every problem is
 * reported against the parameter it concerns.
 */
export const metricsQuerySchema = z
  .object({
    names: z
      .string()
      .min(1)
      .max(1000)
      .transform((s) => [...new Set(s.split(',').map((n) => n.trim()).filter(Boolean))])
      .superRefine((names, ctx) => {
        const unknown = names.filter((n) => !isMetricName(n));
        if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown metric ${unknown.join(', ')} (known: ${METRIC_NAMES.join(', ')})` });
        if (names.length === 0 || names.length > MAX_SERIES) ctx.addIssue({ code: 'custom', message: `give 1 to ${MAX_SERIES} metric names` });
      })
      .openapi({ type: 'string', example: 'queries_per_s,recv_queue', description: `Comma-separated: ${METRIC_NAMES.join(', ')}` }),
    from: ms.openapi({ type: 'integer', description: 'Start, ms since the epoch (inclusive)' }),
    to: ms.openapi({ type: 'integer', description: 'End, ms since the epoch (exclusive)' }),
    step: z.coerce.number().int().min(1000).max(MAX_RANGE_MS).optional().openapi({ type: 'integer', description: 'Bucket width in ms (averaged); raised if it would give more than 2000 points' }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before `to`' });
    else if (q.to - q.from > MAX_RANGE_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range may span at most 31 days' });
  });

/** The bucket width to use, or undefined to return the raw samples. */
export function chooseStep(opts: { from: number; to: number; step?: number; longestSeries: number }): number | undefined {
  const minStep = Math.ceil((opts.to - opts.from) / MAX_POINTS);
  if (opts.step !== undefined) return Math.max(opts.step, minStep);
  return opts.longestSeries > MAX_POINTS ? minStep : undefined;
}
