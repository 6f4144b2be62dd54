import type { NodeStatus } from '@quorum/protocol';
import { NodePoller } from '../collectors/node-poller';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../config/load';
import { nodeAddress } from '../config/schema';
import { MonitorConnection } from '../mysql/connection';
import { loadIdentity } from '../trust/identity-store';
import { printConfigProblems } from './config-output';
import { EXIT, type CommandIO } from './io';

export const SKEW_WARN_MS = 30_000;
export const SKEW_FAIL_MS = 60_000;

/**
 * `quorum-agent check`: the configuration, every node (reachable? its wsrep state), the
 * enrollment, the control plane's health endpoint and the clock skew against it. Exit 0 when all
 * pass (warnings allowed), 1 when something failed, 2 when the configuration is invalid.
 */
export async function checkCommand(options: { config?: string | undefined; timeoutMs?: number }, io: CommandIO): Promise<number> {
  const path = options.config ?? DEFAULT_CONFIG_PATH;
  const loaded = await loadConfigFile(path);
  if (!loaded.ok) {
    printConfigProblems(io, path, loaded);
    return EXIT.usage;
  }
  const { config } = loaded;
  let failed = false;
  io.out(`ok    configuration ${path}`);
  for (const w of loaded.warnings) io.out(`warn  ${w}`);
  const { readOnly, allow } = config.commands;
  io.out(`ok    signed commands: ${readOnly ? 'read-only' : 'read and write'}; allowed: ${allow.length > 0 ? allow.join(', ') : 'none'} (key rotation always)`);

  const nodes = config.clusters.flatMap((c) => c.nodes.map((n) => ({ cluster: c.name, node: n })));
  const results = await Promise.all(
    nodes.map(async ({ cluster, node }) => {
      const poller = new NodePoller(new MonitorConnection({ mysql: node.mysql, timeoutMs: config.polling.timeoutMs }));
      const started = performance.now();
      const status = await poller.pollState();
      const ms = performance.now() - started;
      await poller.close();
      return { label: `${cluster}/${node.name} (${nodeAddress(node.mysql)})`, status, ms };
    }),
  );
  for (const { label, status, ms } of results) {
    const verdict = describeNode(status);
    if (verdict.level === 'fail') failed = true;
    io.out(`${verdict.level.padEnd(5)} node ${label}: ${verdict.text} [${ms.toFixed(1)} ms]`);
  }

  const identity = await loadIdentity(config.stateDir);
  if (!identity.ok) {
    io.out(`fail  enrollment: ${identity.error}`);
    return EXIT.failure;
  }
  io.out(`ok    enrolled as agent ${identity.identity.agentId} (organization ${identity.identity.orgId})`);
  for (const w of identity.warnings) io.out(`warn  ${w}`);

  const health = await cloudHealth(identity.identity.url, options.timeoutMs ?? 10_000);
  if (!health.ok) {
    io.out(`fail  control plane ${identity.identity.url}: ${health.error}`);
    return EXIT.failure;
  }
  io.out(`ok    control plane ${identity.identity.url} reachable (round trip ${health.roundTripMs} ms)`);
  const skew = Math.abs(health.skewMs);
  const direction = skew < 1000 ? '' : health.skewMs > 0 ? ' (this host behind)' : ' (this host ahead)';
  const skewText = `clock skew ${(health.skewMs / 1000).toFixed(1)} s${direction}`;
  if (skew > SKEW_FAIL_MS) {
    failed = true;
    io.out(`fail  ${skewText}: above ${SKEW_FAIL_MS / 1000} s the control plane refuses this agent's credentials; fix NTP`);
  } else if (skew > SKEW_WARN_MS) {
    io.out(`warn  ${skewText}: above ${SKEW_WARN_MS / 1000} s; fix NTP before it reaches ${SKEW_FAIL_MS / 1000} s`);
  } else {
    io.out(`ok    ${skewText}`);
  }
  return failed ? EXIT.failure : EXIT.ok;
}

function describeNode(s: NodeStatus): { level: 'ok' | 'warn' | 'fail'; text: string } {
  if (!s.reachable) return { level: 'fail', text: `unreachable: ${s.error}` };
  if (s.clusterSize === null || s.clusterSize === 0 || s.clusterStatus === null) {
    return { level: 'warn', text: `reachable, but not a running Galera node (wsrep_cluster_status ${s.clusterStatus ?? 'missing'})` };
  }
  const text = `${s.clusterStatus}, size ${s.clusterSize}, ${s.localStateComment ?? '?'}, cluster ${s.clusterName ?? '?'}`;
  if (s.clusterAddress !== null && /^gcomm:\/\/\s*$/.test(s.clusterAddress)) {
    return { level: 'warn', text: `${text}; wsrep_cluster_address is an empty gcomm:// — a restart would bootstrap a separate cluster` };
  }
  return { level: s.clusterStatus === 'Primary' ? 'ok' : 'warn', text };
}

async function cloudHealth(
  url: string,
  timeoutMs: number,
): Promise<{ ok: true; skewMs: number; roundTripMs: number } | { ok: false; error: string }> {
  const endpoint = `${url.replace(/\/$/, '')}/api/v1/health`;
  const sent = Date.now();
  try {
    const res = await fetch(endpoint, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const received = Date.now();
    if (!res.ok) return { ok: false, error: `${endpoint} answered HTTP ${res.status}` };
    const body = (await res.json()) as { status?: unknown; serverTime?: unknown };
    if (body.status !== 'ok' || typeof body.serverTime !== 'number') return { ok: false, error: `${endpoint} did not report status ok` };
    // The server read its clock about halfway through the round trip.
    return { ok: true, skewMs: Math.round(body.serverTime - (sent + received) / 2), roundTripMs: received - sent };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return { ok: false, error: `cannot reach ${endpoint}: ${cause?.code ?? (e as Error).message}` };
  }
}
