import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { WebSocketEvent } from '../../../src/adapters/aws/websocket';

// Events as API Gateway and EventBridge deliver them to Lambda (shapes taken from real payloads).

const API_ID = 'a1b2c3d4e5';
const WS_DOMAIN = `${API_ID}.execute-api.us-east-1.amazonaws.com`;

/** API Gateway's connection ids: 12 random bytes, base64 (`L0SM9cOFvHcCIhw=`-like). */
export function newConnectionId(): string {
  return randomBytes(12).toString('base64').replace(/\//g, 'x').slice(0, 15) + '=';
}

function wsContext(connectionId: string, routeKey: string, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', now: number) {
  return {
    routeKey,
    eventType,
    extendedRequestId: `${randomBytes(6).toString('hex')}=`,
    requestTime: new Date(now).toUTCString(),
    messageDirection: 'IN',
    stage: 'prod',
    connectedAt: now - 1000,
    requestTimeEpoch: now,
    identity: { userAgent: 'quorum-agent/0.1.0', sourceIp: '198.51.100.7' },
    requestId: `${randomBytes(6).toString('hex')}=`,
    domainName: WS_DOMAIN,
    connectionId,
    apiId: API_ID,
  };
}

export function connectEvent(connectionId: string, authorization: string | undefined, opts: { headerName?: string; now?: number } = {}): WebSocketEvent {
  const headers: Record<string, string> = {
    Host: WS_DOMAIN,
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    'User-Agent': 'quorum-agent/0.1.0',
    'X-Amzn-Trace-Id': `Root=1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`,
    'X-Forwarded-For': '198.51.100.7',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...(authorization !== undefined ? { [opts.headerName ?? 'Authorization']: authorization } : {}),
  };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    requestContext: wsContext(connectionId, '$connect', 'CONNECT', opts.now ?? Date.now()),
    isBase64Encoded: false,
  };
}

export function messageEvent(connectionId: string, body: string | object, opts: { now?: number; base64?: boolean } = {}): WebSocketEvent {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    requestContext: { ...wsContext(connectionId, '$default', 'MESSAGE', opts.now ?? Date.now()), messageId: `${randomBytes(6).toString('hex')}=` },
    body: opts.base64 ? Buffer.from(text, 'utf8').toString('base64') : text,
    isBase64Encoded: opts.base64 ?? false,
  };
}

export function disconnectEvent(connectionId: string, opts: { now?: number; statusCode?: number; reason?: string } = {}): WebSocketEvent {
  const headers = { Host: WS_DOMAIN, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    requestContext: {
      ...wsContext(connectionId, '$disconnect', 'DISCONNECT', opts.now ?? Date.now()),
      disconnectStatusCode: opts.statusCode ?? 1001,
      disconnectReason: opts.reason ?? 'Going away',
    },
    isBase64Encoded: false,
  };
}

/** An HTTP API (payload format 2.0) request (typed as hono's adapter takes it: `body` may be null). */
export function httpEvent(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; cookies?: string[] } = {}): LambdaEvent {
  const event = httpEventV2(method, path, opts);
  return { ...event, body: event.body ?? null } as unknown as LambdaEvent; // hono types an authorizer the HTTP API omits
}

function httpEventV2(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; cookies?: string[] }): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(opts.cookies ? { cookies: opts.cookies } : {}),
    headers: {
      accept: 'application/json',
      host: 'quorum.example.com',
      'user-agent': 'curl/8.5.0',
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
      ...opts.headers,
    },
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'h7t8u9v0w1',
      domainName: 'quorum.example.com',
      domainPrefix: 'quorum',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'curl/8.5.0' },
      requestId: `${randomBytes(6).toString('hex')}=`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  };
}

export function scheduledEvent(ruleName: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:123456789012:rule/${ruleName}`],
    detail: {},
  };
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
