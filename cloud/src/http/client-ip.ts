import type { Context } from 'hono';

/**
 * The caller's IP as the host saw it: the socket peer under @hono/node-server, the source IP API
 * Gateway reports on Lambda. `X-Forwarded-For` is deliberately ignored — anyone can send it, and
 * a rate limit keyed on it could be dodged by changing the header.
 */
export function clientIp(c: Context): string {
  const env = c.env as
    | {
        incoming?: { socket?: { remoteAddress?: string } };
        requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
      }
    | undefined;
  return (
    env?.incoming?.socket?.remoteAddress ??
    env?.requestContext?.http?.sourceIp ??
    env?.requestContext?.identity?.sourceIp ??
    'unknown'
  );
}
