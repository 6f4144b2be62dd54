import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, VIEWPORTS } from '../test/support/browser';
import { BUILD_DIR, startMockPortal } from './support/mock-portal';

/**
 * Initial JavaScript of the built portal, gzip: every script the browser fetches to show the first
 * page a signed-in user sees (the clusters overview), measured in headless Chromium, each file
 * gzipped here at level 9 (what a CDN sends; the local host sends the build's precompressed copies).
 * Then what the cluster page adds on top (uPlot and the page itself), loaded on demand.
 */
const TARGET_KB = 150;
const portal = await startMockPortal({ seriesLimit: 0 });
const browser = await launchChromium();
try {
  const context = await browser.newContext(VIEWPORTS.desktop);
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  const gz = (paths: Iterable<string>) => [...paths].reduce((sum, p) => sum + gzipSync(readFileSync(join(BUILD_DIR, p)), { level: 9 }).length, 0);

  await page.goto(portal.url);
  await page.locator('article[data-health]').waitFor();
  await page.waitForLoadState('networkidle');
  const initial = new Set(scripts);
  const initialBytes = gz(initial);

  await page.locator('article[data-health] h2 a').click();
  await page.waitForFunction(() => performance.getEntriesByName('quorum:charts-drawn').length > 0);
  await page.waitForLoadState('networkidle');
  const extra = [...scripts].filter((s) => !initial.has(s));
  const extraBytes = gz(extra);

  const kb = (b: number) => (b / 1024).toFixed(1);
  console.log(`initial JavaScript, overview (gzip): ${kb(initialBytes)} KB in ${initial.size} files — target < ${TARGET_KB} KB: ${initialBytes / 1024 < TARGET_KB ? 'met' : 'MISSED'}`);
  console.log(`the cluster page adds on demand: ${kb(extraBytes)} KB in ${extra.length} files (uPlot and the page); overview + cluster page: ${kb(initialBytes + extraBytes)} KB`);
} finally {
  await browser.close();
  await portal.close();
}
