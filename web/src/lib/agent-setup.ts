/**
 * The exact commands that install, configure, enroll and run an agent (agent/README.md), with the
 * control plane's URL and the new enrollment token filled in.
 */
export const AGENT_CONFIG_PATH = '/etc/quorum/agent.yaml';

export interface SetupStep {
  label: string;
  command: string;
}

export function agentSetupSteps(opts: { url: string; token: string; configPath?: string }): SetupStep[] {
  const config = opts.configPath ?? AGENT_CONFIG_PATH;
  return [
    {
      label: '1. Install (a checkout of Quorum on the host, Node.js 20 or newer)',
      command: 'npm ci && agent/bin/quorum-agent version',
    },
    {
      label: `2. Configure: the monitoring user's password, then ${config}`,
      command: [
        'sudo install -d -m 700 /etc/quorum',
        "sudo sh -c 'umask 077; read -rs -p \"monitor password: \" p; echo \"$p\" > /etc/quorum/monitor.password'",
        `sudo tee ${config} >/dev/null <<'YAML'`,
        'clusters:',
        '  - name: shop-prod',
        '    nodes:',
        '      - name: node1',
        '        mysql: { host: 10.0.0.11, port: 3306, user: quorum_monitor, passwordFile: /etc/quorum/monitor.password }',
        '      - name: node2',
        '        mysql: { host: 10.0.0.12, port: 3306, user: quorum_monitor, passwordFile: /etc/quorum/monitor.password }',
        '      - name: node3',
        '        mysql: { host: 10.0.0.13, port: 3306, user: quorum_monitor, passwordFile: /etc/quorum/monitor.password }',
        'YAML',
      ].join('\n'),
    },
    {
      label: '3. Enroll (once; the token works only for this enrollment)',
      command: `agent/bin/quorum-agent enroll --url ${opts.url} --token ${opts.token} --config ${config}`,
    },
    { label: '4. Check the configuration, every node and the connection', command: `agent/bin/quorum-agent check --config ${config}` },
    { label: '5. Run (under systemd: Type=simple, KillSignal=SIGTERM)', command: `agent/bin/quorum-agent run --config ${config}` },
  ];
}
