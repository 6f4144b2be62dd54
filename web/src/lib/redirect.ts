/**
 * Where to go after logging in: only a path on this site (never `//evil.example` or a full URL),
 * else the overview.
 *
 * @example safeNext('/clusters/clu_1') // '/clusters/clu_1'
 * @example safeNext('https://evil.example') // '/'
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
