import { version as agentPackageVersion } from '../../../agent/package.json';

/**
 * The exact commands that install, configure, enroll and start an agent from its Debian package
 * (agent/README.md, "Install from the package"), with the control plane's URL and the new
 * enrollment token filled in. The control plane serves the package at /downloads/.
 */
export const AGENT_CONFIG_PATH = '/etc/quorum/agent.yaml';
export const AGENT_USER = 'quorum-agent';
/** agent/package.json's version as the package names it (npm's `1.2.0-rc.1` is Debian's `1.2.0~rc.1`). */
export const AGENT_PACKAGE_VERSION = agentPackageVersion.replace('-', '~');

export interface SetupStep {
  label: string;
  command: string;
}

export function agentPackageFile(version = AGENT_PACKAGE_VERSION): string {
  return `quorum-agent_${version}_all.deb`;
}

export function agentSetupSteps(opts: { url: string; token: string; configPath?: string; version?: string }): SetupStep[] {
  const config = opts.configPath ?? AGENT_CONFIG_PATH;
  const deb = agentPackageFile(opts.version);
  const password = '/etc/quorum/monitor.password';
  // Created empty first with their final owner and mode (root writes, the agent's group reads),
  // so the secret is never in a file anyone else can read, even for a moment.
  const secretFile = (path: string) => `sudo install -m 0640 -o root -g ${AGENT_USER} /dev/null ${path}`;
  const node = (name: string, host: string) => [
    `      - name: ${name}`,
    `        mysql: { host: ${host}, port: 3306, user: quorum_monitor, passwordFile: ${password} }`,
  ];
  return [
    {
      label: '1. Install the package (Debian or Ubuntu with Node.js 20 or newer): it adds the user quorum-agent and the service, not started yet',
      command: [`curl -fLO ${opts.url}/downloads/${deb}`, `sudo apt install ./${deb}`].join('\n'),
    },
    {
      label: `2. Configure: the monitoring user's password, then ${config}`,
      command: [
        secretFile(password),
        `sudo bash -c 'read -rsp "monitor password: " p && echo && printf "%s\\n" "$p" > ${password}'`,
        secretFile(config),
        `sudo tee ${config} >/dev/null <<'YAML'`,
        'clusters:',
        '  - name: shop-prod',
        '    nodes:',
        ...node('node1', '10.0.0.11'),
        ...node('node2', '10.0.0.12'),
        ...node('node3', '10.0.0.13'),
        'YAML',
      ].join('\n'),
    },
    {
      label: '3. Enroll, as the agent’s user (once; the token works only for this enrollment)',
      command: `sudo -u ${AGENT_USER} quorum-agent enroll --url ${opts.url} --token ${opts.token} --config ${config}`,
    },
    {
      label: '4. Check the configuration, every node and the connection',
      command: `sudo -u ${AGENT_USER} quorum-agent check --config ${config}`,
    },
    {
      label: `5. Start the service (it runs quorum-agent run --config ${config} as ${AGENT_USER}, and again at every boot)`,
      command: [`sudo systemctl start quorum-agent`, 'systemctl status quorum-agent --no-pager'].join('\n'),
    },
  ];
}
