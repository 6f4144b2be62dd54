import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppConfig } from '../deps';

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, Secure when the deployment is https. Under https it also carries the `__Host-`
 * prefix, which browsers accept only with Secure, Path=/ and no Domain — so a sibling subdomain
 * cannot plant or overwrite it.
 */
export function sessionCookieName(config: Pick<AppConfig, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-quorum_session' : 'quorum_session';
}

export function readSessionCookie(c: Context, config: AppConfig): string | undefined {
  const value = getCookie(c, sessionCookieName(config));
  return value && value.length <= 128 ? value : undefined;
}

export function setSessionCookie(c: Context, config: AppConfig, token: string, maxAgeMs: number): void {
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.secureCookies,
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  });
}

export function clearSessionCookie(c: Context, config: AppConfig): void {
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: config.secureCookies, httpOnly: true, sameSite: 'Lax' });
}
