import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The portal (web/build, a SvelteKit single-page app) served by the local host at `/`: its static
 * files, and `index.html` for every other path that is not the API (the SPA fallback, so a
 * reload of /clusters/clu_… works). In AWS a CDN serves the same folder; this is the local twin.
 *
 * Headers: hashed assets under `/_app/immutable/` are cached for a year; everything else is
 * revalidated (ETag). Every answer carries strict security headers; the Content-Security-Policy
 * allows only this origin, plus the hash of SvelteKit's one inline boot script.
 */
export interface Portal {
  /** Answers a GET/HEAD for a non-API path. */
  fetch(req: Request): Promise<Response>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
/** `npm run package -w agent` writes the agent's .deb here (served under /downloads/). */
export const DEFAULT_DOWNLOADS_DIR = fileURLToPath(new URL('../../../../agent/dist', import.meta.url));
/** The only files /downloads/ serves: the agent's package, by its versioned name. */
const DOWNLOAD_NAME = /^\/downloads\/(quorum-agent_[0-9][A-Za-z0-9.+~]*_all\.deb)$/;

/** `npm run build -w web` writes the portal here (…/cloud/src/adapters/local → four levels up). */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../../../web/build', import.meta.url));

/** Types worth sending compressed when adapter-static left a .br/.gz copy beside the file. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);

/**
 * The one inline style attribute SvelteKit renders: its screen-reader announcer of page changes
 * (@sveltejs/kit src/core/sync/write_root.js). Allowed by its hash alone; if a Kit upgrade
 * changes it, the portal's browser test reports the CSP violation.
 */
export const KIT_ANNOUNCER_STYLE =
  'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Headers for every portal answer, HTML or not. */
export function portalSecurityHeaders(opts: { scriptHashes: readonly string[]; hsts: boolean }): Record<string, string> {
  const scripts = ["'self'", ...opts.scriptHashes.map((h) => `'${h}'`)].join(' ');
  const csp = [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self'",
    `style-src-attr 'unsafe-hashes' '${sha256(KIT_ANNOUNCER_STYLE)}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(opts.hsts ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** `sha256-…` of every inline `<script>` in the page (SvelteKit's boot script), for the CSP. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(sha256(m[1] ?? ''));
  }
  return hashes;
}

/** Opens the built portal in `dir`, or returns undefined when it has not been built. */
export function openPortal(opts: { dir: string; hsts?: boolean }): Portal | undefined {
  const root = resolve(opts.dir);
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  // Read once: a rebuilt portal is picked up when the host restarts (`npm start` rebuilds first).
  const index = readFileSync(indexPath);
  const security = portalSecurityHeaders({ scriptHashes: inlineScriptHashes(index.toString('utf8')), hsts: opts.hsts ?? false });

  return {
    async fetch(req) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return new Response('method not allowed', { status: 405, headers: { ...security, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } });
      }
      const file = locate(root, new URL(req.url).pathname);
      if (file === 'bad') return new Response('bad request', { status: 400, headers: { ...security, 'Content-Type': 'text/plain; charset=utf-8' } });
      if (file === undefined) {
        // A missing asset is a 404 (a stale tab asking for an old chunk must see it fail, not get HTML).
        if (/\.[a-z0-9]+$/i.test(new URL(req.url).pathname)) {
          return new Response('not found', { status: 404, headers: { ...security, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' } });
        }
        return serveFile(req, indexPath, security);
      }
      return serveFile(req, file, security);
    },
  };
}

/** The file a URL path names inside `root`: undefined if there is none, 'bad' for traversal or junk. */
function locate(root: string, pathname: string): string | undefined | 'bad' {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'bad';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'bad';
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return 'bad';
  if (path === root) return undefined;
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

async function serveFile(req: Request, path: string, security: Record<string, string>): Promise<Response> {
  const ext = extname(path).toLowerCase();
  const immutable = path.includes(`${sep}_app${sep}immutable${sep}`);
  const headers: Record<string, string> = {
    ...security,
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  let body = path;
  if (COMPRESSIBLE.has(ext)) {
    headers.Vary = 'Accept-Encoding';
    const accepts = req.headers.get('accept-encoding') ?? '';
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      if (new RegExp(`\\b${encoding}\\b`).test(accepts) && existsSync(path + suffix)) {
        headers['Content-Encoding'] = encoding;
        body = path + suffix;
        break;
      }
    }
  }
  // One tag per representation, so a cache never answers a gzip client with brotli bytes.
  const stat = statSync(body);
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${headers['Content-Encoding'] ? `-${headers['Content-Encoding']}` : ''}"`;
  headers.ETag = etag;
  if (req.headers.get('if-none-match') === etag) {
    delete headers['Content-Encoding'];
    return new Response(null, { status: 304, headers });
  }
  const bytes = await readFile(body);
  headers['Content-Length'] = String(bytes.length);
  return new Response(req.method === 'HEAD' ? null : bytes, { status: 200, headers });
}

/** Is this a request for /downloads/…? */
export const isDownloadPath = (pathname: string): boolean => pathname === '/downloads' || pathname.startsWith('/downloads/');

/**
 * `/downloads/quorum-agent_<version>_all.deb` from `dir` (agent/dist), with the portal's security
 * headers; any other name under /downloads/, or a package not built, is a 404 (never the portal's
 * HTML). Revalidated by ETag: a rebuild keeps the versioned name.
 */
export async function serveDownload(req: Request, opts: { dir: string; hsts: boolean }): Promise<Response> {
  const security = portalSecurityHeaders({ scriptHashes: [], hsts: opts.hsts });
  const text = (status: number, body: string, extra: Record<string, string> = {}) =>
    new Response(body, { status, headers: { ...security, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra } });
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed', { Allow: 'GET, HEAD' });
  const name = DOWNLOAD_NAME.exec(new URL(req.url).pathname)?.[1];
  const path = name ? join(resolve(opts.dir), name) : undefined;
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = path ? statSync(path) : undefined;
  } catch {
    stat = undefined;
  }
  if (!path || !stat?.isFile()) {
    return text(404, name ? `${name} is not built on this control plane (npm run package -w agent).\n` : 'not found\n');
  }
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    ...security,
    'Content-Type': 'application/vnd.debian.binary-package',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-cache',
    ETag: etag,
  };
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const bytes = await readFile(path);
  headers['Content-Length'] = String(bytes.length);
  return new Response(req.method === 'HEAD' ? null : bytes, { status: 200, headers });
}
