/**
 * Lines up several nodes' samples on one time axis for uPlot: each node samples on its own
 * clock, so timestamps are snapped to the sampling step and joined. A step without a sample
 * stays null, so a node that was down shows as a gap, never as a line drawn across it.
 */
export type Points = ReadonlyArray<readonly [number, number]>;

/** The typical spacing of the points (the median gap), at least 1 s. */
export function typicalStep(series: readonly Points[]): number {
  const gaps: number[] = [];
  for (const points of series) {
    for (let i = 1; i < points.length && gaps.length < 2000; i++) gaps.push(points[i]![0] - points[i - 1]![0]);
  }
  if (gaps.length === 0) return 10_000;
  gaps.sort((a, b) => a - b);
  return Math.max(1000, gaps[Math.floor(gaps.length / 2)]!);
}

/**
 * `[xs in seconds, ys of series 0, ys of series 1, …]`, the shape uPlot draws.
 *
 * @example
 * alignSeries([[[0, 1], [10_000, 2]], [[1_000, 5]]], 10_000) // [[0, 10], [1, 2], [5, null]]
 */
export function alignSeries(series: readonly Points[], stepMs: number): [number[], ...Array<Array<number | null>>] {
  const slots = new Map<number, Array<number | null>>();
  series.forEach((points, s) => {
    for (const [ts, value] of points) {
      const slot = Math.round(ts / stepMs) * stepMs;
      let row = slots.get(slot);
      if (!row) {
        row = new Array<number | null>(series.length).fill(null);
        slots.set(slot, row);
      }
      row[s] = value;
    }
  });
  const xs = [...slots.keys()].sort((a, b) => a - b);
  const ys = series.map((_, s) => xs.map((x) => slots.get(x)![s]!));
  return [xs.map((x) => x / 1000), ...ys];
}

/** The most recent value of a series, if it is newer than `maxAgeMs`. */
export function latestValue(points: Points | undefined, now: number, maxAgeMs: number): number | null {
  const last = points?.[points.length - 1];
  return last && now - last[0] <= maxAgeMs ? last[1] : null;
}
