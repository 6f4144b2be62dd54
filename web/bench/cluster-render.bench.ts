import { launchChromium, VIEWPORTS } from '../test/support/browser';
import { startMockPortal } from './support/mock-portal';

/**
 * Time to render a cluster page holding 24 h of 10 s samples (8,640 points per series) in headless
 * Chromium, from the page's own performance marks: `quorum:metrics-data` (the samples have
 * arrived and been parsed) → `quorum:charts-drawn` (every chart has painted them, one frame later).
 * Also the whole page load, navigation → charts drawn, which includes fetching and parsing the
 * mocked API's JSON. The API itself caps series at 2,000 points; the mock sends all 8,640.
 */
const TARGET_MS = 200;
const RUNS = 5;
const browser = await launchChromium();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  for (const seriesLimit of [10, 21]) {
    const portal = await startMockPortal({ seriesLimit });
    try {
      const context = await browser.newContext(VIEWPORTS.desktop);
      const render: number[] = [];
      const total: number[] = [];
      // One warm-up load (the browser's caches, like a user's second visit), then the measured runs.
      for (let run = 0; run <= RUNS; run++) {
        const page = await context.newPage();
        await page.goto(`${portal.url}/clusters/${portal.clusterId}?range=24h`);
        await page.waitForFunction(() => performance.getEntriesByName('quorum:cluster-charts').length > 0, undefined, { timeout: 120_000 });
        const m = await page.evaluate(() => ({
          render: performance.getEntriesByName('quorum:cluster-charts')[0]!.duration,
          total: performance.getEntriesByName('quorum:charts-drawn')[0]!.startTime,
          points: document.querySelectorAll('.u-over').length,
        }));
        if (run > 0) {
          render.push(m.render);
          total.push(m.total);
        }
        await page.close();
      }
      await context.close();
      console.log(
        `cluster page, 24 h of 10 s samples × ${seriesLimit} series (${(seriesLimit * 8640).toLocaleString('en')} points), ${RUNS} runs: ` +
          `render (data → charts drawn) median ${median(render).toFixed(0)} ms, max ${Math.max(...render).toFixed(0)} ms — target < ${TARGET_MS} ms: ${median(render) < TARGET_MS ? 'met' : 'MISSED'}; ` +
          `navigation → charts drawn median ${median(total).toFixed(0)} ms`,
      );
    } finally {
      await portal.close();
    }
  }
} finally {
  await browser.close();
}
