import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkTargetUrl, isPublicAddress, TargetRejectedError } from '../../core/notify/address-policy';
import { HttpSendError, type HttpAnswer, type HttpSender } from '../../ports/http-sender';

export interface GuardedHttpSenderOptions {
  /**
   * Lets notifications go to private, loopback and link-local addresses. For tests (a receiver on
   * 127.0.0.1) and nothing else: it reopens SSRF. Never read from the environment.
   */
  allowPrivateTargets?: boolean;
  /** Per request, connection included (default 10 s). */
  timeoutMs?: number;
}

const MAX_SNIPPET = 2048;

/**
 * The HttpSender for Slack and webhooks (both hosts). The host name is resolved by a lookup hook
 * that refuses the connection when ANY address it resolves to is not public — at connect time, on
 * the addresses actually connected to, so a DNS answer that changes between a check and the
 * request (rebinding) gains nothing. IP-literal hosts are checked directly. No redirects.
 */
export function createGuardedHttpSender(options: GuardedHttpSenderOptions = {}): HttpSender {
  const allowPrivate = options.allowPrivateTargets === true;
  const refuse = (host: string, address: string) =>
    new TargetRejectedError(`${host} resolves to ${address}, a private, loopback, link-local or reserved address: notifications only go to public addresses`);

  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(refuse(hostname, bad.address), '', 0);
      if (addresses.length === 0) return callback(new HttpSendError(`${hostname} has no address`), '', 0);
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };

  const checkLiteral = (url: URL) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !allowPrivate && !isPublicAddress(host)) throw refuse(host, host);
  };

  return {
    async validateTarget(raw) {
      const url = checkTargetUrl(raw);
      checkLiteral(url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) return;
      await new Promise<void>((resolve, reject) =>
        guardedLookup(host, {}, (error) => (error ? reject(error instanceof TargetRejectedError ? error : new TargetRejectedError(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? error.message})`)) : resolve())),
      );
    },

    async post(raw, req) {
      const url = checkTargetUrl(raw);
      checkLiteral(url);
      const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 10_000;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<HttpAnswer>((resolve, reject) => {
        const request = send(url, {
          method: 'POST',
          headers: { 'user-agent': 'Quorum-Notifier/1', ...req.headers, 'content-length': Buffer.byteLength(req.body) },
          lookup: guardedLookup,
          agent: false,
          timeout: timeoutMs,
        });
        const deadline = setTimeout(() => request.destroy(new HttpSendError(`no answer within ${timeoutMs} ms`)), timeoutMs);
        request.on('timeout', () => request.destroy(new HttpSendError(`no answer within ${timeoutMs} ms`)));
        request.on('error', (error) => {
          clearTimeout(deadline);
          reject(error instanceof TargetRejectedError || error instanceof HttpSendError ? error : new HttpSendError(describe(error), { cause: error }));
        });
        request.on('response', (res: IncomingMessage) => {
          let snippet = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (snippet.length < MAX_SNIPPET) snippet += chunk.slice(0, MAX_SNIPPET - snippet.length);
          });
          res.on('end', () => {
            clearTimeout(deadline);
            const retryAfter = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, bodySnippet: snippet });
          });
          res.on('error', (error) => {
            clearTimeout(deadline);
            reject(new HttpSendError(describe(error), { cause: error }));
          });
        });
        request.end(req.body);
      });
    },
  };
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}
