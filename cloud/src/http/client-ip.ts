import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { Deps } from '../deps';

/**
 * A CDN in front of the API that stamps each request with the viewer's address (on AWS: a
 * CloudFront Function sets `viewerIpHeader` from `event.viewer.ip`, overwriting whatever the
 * viewer sent) and proves the request came through it with a shared secret in `secretHeader`,
 * which only the CDN's origin configuration holds. Without this, every request behind CloudFront
 * comes from a handful of edge addresses, and a per-IP rate limit keyed on one would let an
 * attacker lock out everyone behind the same edge.
 */
export interface EdgeProxy {
  viewerIpHeader: string;
  secretHeader: string;
  /** The secrets accepted now (empty while unknown: nothing is trusted). */
  secrets(): readonly string[];
}

/**
 * The caller's IP: the viewer's address stamped by a trusted {@link EdgeProxy} when the request
 * proves it came through it; otherwise the socket peer under @hono/node-server, or the source IP
 * API Gateway reports on Lambda. A plain `X-Forwarded-For` is deliberately ignored — anyone can
 * send it, and a rate limit keyed on it could be dodged by changing the header.
 */
export function clientIp(c: Context): string {
  const fromEdge = edgeViewerIp(c);
  if (fromEdge) return fromEdge;
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

function edgeViewerIp(c: Context): string | undefined {
  const edge = (c.get('deps') as Deps | undefined)?.edgeProxy;
  if (!edge) return undefined;
  const presented = c.req.header(edge.secretHeader);
  if (!presented || !edge.secrets().some((secret) => sameSecret(presented, secret))) return undefined;
  const ip = c.req.header(edge.viewerIpHeader)?.trim();
  return ip && isIP(ip) !== 0 ? ip : undefined;
}

function sameSecret(presented: string, secret: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
