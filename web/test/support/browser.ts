import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core — never a downloaded browser. Missing Chromium is a
 * failure with the command that installs it, not a skipped test.
 */
export const CHROMIUM_PATH = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';

/** Where the test run writes its screenshots (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the portal's browser tests need Debian's chromium package.\n` +
        `Install it with: sudo scripts/install-os-deps.sh --for-tests   (never a downloaded browser)`,
    );
  }
  // playwright gives each launch a fresh, empty user-data-dir of its own and adds --headless.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

/**
 * Collects what must never happen on a page: uncaught errors, failed requests to our own origin,
 * and Content-Security-Policy violations (the console reports them as errors).
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 401/.test(msg.text())) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  return { problems };
}

/** Saves `test-results/<name>.png`: the whole page, or with `screenOnly` what the first screen shows. */
export async function screenshot(page: Page, name: string, opts: { screenOnly?: boolean } = {}): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name}.png`;
  // A whole-page capture of a scrolled page would paint the sticky header mid-page.
  if (!opts.screenOnly) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: !opts.screenOnly });
  return path;
}

/** Saves `test-results/<name>.png` of one element (e.g. an operation's progress panel). */
export async function screenshotOf(element: Locator, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name}.png`;
  // The sticky header would cover the element's top once it is scrolled into view. (Through the
  // CSSOM: an injected <style> element would be a CSP violation, which the tests count.)
  const header = element.page().locator('header.top');
  const sticky = (await header.count()) > 0;
  if (sticky) await header.evaluate((h) => ((h as HTMLElement).style.position = 'static'));
  try {
    await element.screenshot({ path });
  } finally {
    if (sticky) await header.evaluate((h) => ((h as HTMLElement).style.position = ''));
  }
  return path;
}
