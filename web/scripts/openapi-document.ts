import { buildApp } from '../../cloud/src/app';
import type { Deps } from '../../cloud/src/deps';

/**
 * The API's OpenAPI document, built in-process from `buildApp` exactly as `GET
 * /api/v1/openapi.json` serves it — no server, no database (the route touches no port).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const unused = new Proxy({}, {
    get(_target, name) {
      throw new Error(`openApiDocument: the document route used deps.${String(name)}`);
    },
  });
  const config = { publicUrl: 'http://localhost', agentWebsocketUrl: 'ws://localhost', secureCookies: false, agentOfflineAfterMs: 90_000, metricRetentionMs: 86_400_000 };
  const deps = { db: unused, clock: unused, queue: unused, agentChannel: unused, signer: unused, log: unused, config } as unknown as Deps;
  const res = await buildApp(deps).request('/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json → ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
