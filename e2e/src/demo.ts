import { Stack } from './stack';

/**
 * `npm run demo`: the whole product on this machine — a 3-node MariaDB Galera lab, the control
 * plane with its private database on http://localhost:8080, an operator account, and an enrolled
 * agent watching the lab. Ctrl-C stops everything and removes the lab.
 */
const port = Number(process.env.PORT ?? 8080);
const email = process.env.QUORUM_DEMO_EMAIL ?? 'demo@quorum.local';
const password = process.env.QUORUM_DEMO_PASSWORD ?? 'quorum-demo-password';
const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(`demo: PORT must be a port number, got "${process.env.PORT}"\n`);
  process.exit(2);
}

let stack: Stack | undefined;
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) process.exit(1);
  stopping = true;
  say('stopping the agent, the control plane and the Galera lab…');
  await stack?.stop().catch((e: unknown) => process.stderr.write(`demo: ${String(e)}\n`));
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  stack = await Stack.start({ port, email, password, organization: 'Demo Shop', log: (l) => say(l), logLevel: 'warn' });
  say('waiting for the agent to report the cluster…');
  const cluster = await stack.waitForHealth('healthy', { timeoutMs: 90_000 });
  const lab = stack.lab;
  const cli = `npm run lab -w lab -- --slot ${lab.slot}`;
  process.stdout.write(`
Quorum is running at ${stack.host.url}
  portal      ${stack.host.url}/   (open it in a browser)
  log in as   ${email} / ${password}
  cluster     ${cluster.name}: ${cluster.health} — ${cluster.summary}

Try the API:
  curl -s -c /tmp/q.cookies -H 'content-type: application/json' \\
       -d '{"email":"${email}","password":"${password}"}' ${stack.host.url}/api/v1/auth/login >/dev/null
  curl -s -b /tmp/q.cookies ${stack.host.url}/api/v1/clusters

Break the cluster the way the weekend story did (in another terminal):
  ${cli} stop node3
  sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' ${lab.node('node3').dataDir}/grastate.dat
  ${cli} start node3 -- --wsrep-cluster-address=gcomm://
  curl -s -b /tmp/q.cookies ${stack.host.url}/api/v1/clusters     # health: split_brain, node3 named

Operate it through the agent (signed commands; on a healthy cluster):
  curl -s -b /tmp/q.cookies -H 'content-type: application/json' -d '{"action":"rolling-restart"}' \\
       ${stack.host.url}/api/v1/clusters/${cluster.id}/operations     # then GET /api/v1/operations/<id>
  ${cli} kill node1; ${cli} kill node2; ${cli} kill node3               # a full outage, then:
  curl -s -b /tmp/q.cookies -H 'content-type: application/json' -X POST \\
       ${stack.host.url}/api/v1/clusters/${cluster.id}/bootstrap-plan   # GET /api/v1/bootstrap-plans/<id>; POST its "confirm"

Agent log: ${stack.workDir}/agent.log — Ctrl-C stops everything.
`);
} catch (error) {
  process.stderr.write(`demo: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}
