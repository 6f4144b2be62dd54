import type { Logger } from '../../ports/logger';
import { DEFAULT_DOWNLOADS_DIR, DEFAULT_PORTAL_DIR, isDownloadPath, openPortal, portalSecurityHeaders, serveDownload } from './portal';

/**
 * How the local host splits its one port: `/api/…` goes to the Hono app, `/downloads/…` to the
 * agent's package (agent/dist), every other path to the portal. Without a built portal, the
 * portal's paths answer with how to build it.
 */
export function portalFetch(opts: { dir: string | false | undefined; downloadsDir?: string; hsts: boolean; log: Logger }): {
  handles(req: Request): boolean;
  fetch(req: Request): Promise<Response>;
} {
  if (opts.dir === false) return { handles: () => false, fetch: async () => new Response(null, { status: 404 }) };
  const dir = opts.dir ?? DEFAULT_PORTAL_DIR;
  const portal = openPortal({ dir, hsts: opts.hsts });
  if (!portal) opts.log.warn('the portal is not built: serving the API only', { dir, fix: 'npm run build -w web' });
  const missing = `The Quorum portal is not built (${dir} has no index.html).\nRun: npm run build -w web   (npm start and npm run demo build it for you)\nThe API is at /api/v1.\n`;
  return {
    handles: (req) => {
      const path = new URL(req.url).pathname;
      return path !== '/api' && !path.startsWith('/api/');
    },
    fetch: async (req) => {
      if (isDownloadPath(new URL(req.url).pathname)) return serveDownload(req, { dir: opts.downloadsDir ?? DEFAULT_DOWNLOADS_DIR, hsts: opts.hsts });
      if (portal) return portal.fetch(req);
      return new Response(missing, {
        status: 503,
        headers: { ...portalSecurityHeaders({ scriptHashes: [], hsts: opts.hsts }), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    },
  };
}
