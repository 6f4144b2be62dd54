import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { silentLogger } from '../../ports/logger';
import { inlineScriptHashes, openPortal, serveDownload } from './portal';
import { portalFetch } from './portal-route';

const dir = mkdtempSync(join(tmpdir(), 'quorum-portal-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BOOT = '\n\t\t\tkit.start(app, element);\n\t\t';
const INDEX = `<!doctype html><html><head><link href="/_app/immutable/entry/start.abc.js" rel="modulepreload"></head><body><script>${BOOT}</script></body></html>`;
mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
writeFileSync(join(dir, 'index.html'), INDEX);
writeFileSync(join(dir, '_app/immutable/entry/start.abc.js'), 'export const x = 1;');
writeFileSync(join(dir, '_app/immutable/entry/start.abc.js.gz'), gzipSync('export const x = 1;'));
writeFileSync(join(dir, '_app/version.json'), '{"version":"1"}');
writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
writeFileSync(join(tmpdir(), 'quorum-portal-secret.txt'), 'outside');

const portal = openPortal({ dir })!;
const get = (path: string, headers: Record<string, string> = {}) => portal.fetch(new Request(`http://localhost${path}`, { headers }));

test('a missing build is reported as such, not served', () => {
  assert.equal(openPortal({ dir: join(dir, 'nope') }), undefined);
});

test('paths without a file get index.html (the SPA fallback), revalidated, with strict headers', async () => {
  for (const path of ['/', '/clusters/clu_01ABC', '/settings/members?x=1']) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(await res.text(), INDEX);
  }
  const res = await get('/');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.ok(csp.includes(`script-src 'self' '${inlineScriptHashes(INDEX)[0]}'`), csp);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS on plain http');
});

test('the boot script hash is the sha256 of its exact text', () => {
  assert.deepEqual(inlineScriptHashes('<script>a</script><script src="/x.js"></script>'), ['sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=']);
});

test('hashed assets are cached for a year; others revalidate', async () => {
  const asset = await get('/_app/immutable/entry/start.abc.js');
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await get('/_app/version.json')).headers.get('cache-control'), 'no-cache');
  assert.equal((await get('/favicon.svg')).headers.get('content-type'), 'image/svg+xml');
});

test('a precompressed copy is sent to a client that accepts it', async () => {
  const res = await get('/_app/immutable/entry/start.abc.js', { 'accept-encoding': 'gzip, deflate' });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('vary'), 'Accept-Encoding');
  const plain = await get('/_app/immutable/entry/start.abc.js');
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.notEqual(res.headers.get('etag'), plain.headers.get('etag'), 'one tag per representation');
});

test('a matching ETag answers 304', async () => {
  const first = await get('/favicon.svg');
  const again = await get('/favicon.svg', { 'if-none-match': first.headers.get('etag')! });
  assert.equal(again.status, 304);
});

test('a missing asset is a 404, never the HTML', async () => {
  const res = await get('/_app/immutable/entry/old.js');
  assert.equal(res.status, 404);
});

test('no way out of the folder, and only GET/HEAD', async () => {
  for (const path of ['/../quorum-portal-secret.txt', '/%2e%2e/quorum-portal-secret.txt', '/_app/%2e%2e/%2e%2e/quorum-portal-secret.txt', '/..%5cquorum-portal-secret.txt']) {
    const res = await get(path);
    assert.notEqual(await res.text(), 'outside', path);
  }
  assert.equal((await get('/%00')).status, 400);
  const post = await portal.fetch(new Request('http://localhost/', { method: 'POST' }));
  assert.equal(post.status, 405);
  const head = await portal.fetch(new Request('http://localhost/', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

const downloads = join(dir, 'downloads-dist');
mkdirSync(downloads);
const DEB = 'quorum-agent_1.2.3~rc.1_all.deb';
writeFileSync(join(downloads, DEB), 'not really a deb');
writeFileSync(join(downloads, 'quorum-agent.mjs'), 'the dev bundle');
const download = (path: string, init: RequestInit = {}) => serveDownload(new Request(`http://localhost${path}`, init), { dir: downloads, hsts: false });

test("the agent's package is served from /downloads/ as a download, with the portal's headers", async () => {
  const res = await download(`/downloads/${DEB}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.debian.binary-package');
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="${DEB}"`);
  assert.equal(res.headers.get('content-length'), String('not really a deb'.length));
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await res.text(), 'not really a deb');
  const again = await download(`/downloads/${DEB}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
  assert.equal(again.status, 304);
  const head = await download(`/downloads/${DEB}`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  assert.equal((await download(`/downloads/${DEB}`, { method: 'POST' })).status, 405);
});

test('/downloads/ serves nothing but that package: other names and a package not built are a clean 404', async () => {
  const missing = await download('/downloads/quorum-agent_9.9.9_all.deb');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.match(await missing.text(), /quorum-agent_9\.9\.9_all\.deb is not built on this control plane \(npm run package -w agent\)/);
  for (const path of ['/downloads/', '/downloads', '/downloads/quorum-agent.mjs', `/downloads/..%2f${DEB}`, `/downloads/%2e%2e/downloads-dist/${DEB}`, '/downloads/quorum-agent_1_all.deb/..']) {
    const res = await download(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(await res.text(), /dev bundle|not really/, path);
  }
});

test('the local host routes /downloads/ to the package even while the portal is not built', async () => {
  const route = portalFetch({ dir: join(dir, 'no-portal'), downloadsDir: downloads, hsts: false, log: silentLogger });
  const req = (path: string) => new Request(`http://localhost${path}`);
  assert.equal(route.handles(req(`/downloads/${DEB}`)), true);
  assert.equal((await route.fetch(req(`/downloads/${DEB}`))).status, 200);
  assert.equal((await route.fetch(req('/downloads/nothing.deb'))).status, 404);
  assert.equal((await route.fetch(req('/clusters'))).status, 503, 'the portal itself still says it is not built');
  const built = portalFetch({ dir, downloadsDir: downloads, hsts: false, log: silentLogger });
  assert.equal((await built.fetch(req('/downloads/nothing.deb'))).status, 404, 'never the SPA fallback');
  assert.equal((await built.fetch(req('/clusters'))).status, 200);
});
