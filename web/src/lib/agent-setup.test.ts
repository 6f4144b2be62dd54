import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AGENT_PACKAGE_VERSION, agentPackageFile, agentSetupSteps } from './agent-setup';

const agentVersion = (JSON.parse(readFileSync(new URL('../../../agent/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const steps = agentSetupSteps({ url: 'https://quorum.example.com', token: 'qre_abc123' });
const all = steps.map((s) => s.command).join('\n');

test("the package is agent/package.json's version, named as dpkg-deb names it", () => {
  assert.equal(AGENT_PACKAGE_VERSION, agentVersion.replace('-', '~'));
  assert.equal(agentPackageFile('1.2.0~rc.1'), 'quorum-agent_1.2.0~rc.1_all.deb');
});

test('five steps: download and apt install, configure, enroll as quorum-agent, check, start the service', () => {
  const deb = `quorum-agent_${AGENT_PACKAGE_VERSION}_all.deb`;
  assert.equal(steps.length, 5);
  assert.deepEqual(steps[0]!.command.split('\n'), [`curl -fLO https://quorum.example.com/downloads/${deb}`, `sudo apt install ./${deb}`]);
  assert.equal(steps[2]!.command, 'sudo -u quorum-agent quorum-agent enroll --url https://quorum.example.com --token qre_abc123 --config /etc/quorum/agent.yaml');
  assert.equal(steps[3]!.command, 'sudo -u quorum-agent quorum-agent check --config /etc/quorum/agent.yaml');
  assert.match(steps[4]!.command, /^sudo systemctl start quorum-agent$/m);
  assert.match(steps[4]!.label, /quorum-agent run --config \/etc\/quorum\/agent\.yaml/);
  assert.doesNotMatch(all, /npm ci|agent\/bin\/quorum-agent/, 'no checkout of Quorum any more');
});

test('the password and agent.yaml are created root:quorum-agent 0640 before anything is written into them', () => {
  const lines = steps[1]!.command.split('\n');
  const password = lines.findIndex((l) => l.includes('> /etc/quorum/monitor.password'));
  const config = lines.findIndex((l) => l.startsWith('sudo tee /etc/quorum/agent.yaml'));
  assert.equal(lines[password - 1], 'sudo install -m 0640 -o root -g quorum-agent /dev/null /etc/quorum/monitor.password');
  assert.equal(lines[config - 1], 'sudo install -m 0640 -o root -g quorum-agent /dev/null /etc/quorum/agent.yaml');
  assert.match(lines[password]!, /^sudo bash -c 'read -rsp /, 'read -s needs bash (Debian’s sh is dash)');
  assert.match(lines[password]!, /printf "%s\\n" "\$p"/);
  assert.equal(lines.at(-1), 'YAML');
  assert.equal(lines.filter((l) => l.includes('passwordFile: /etc/quorum/monitor.password')).length, 3);
});

test('another config path is used everywhere', () => {
  const custom = agentSetupSteps({ url: 'http://localhost:8080', token: 't', configPath: '/etc/quorum/other.yaml' });
  const text = custom.map((s) => `${s.label}\n${s.command}`).join('\n');
  assert.doesNotMatch(text, /agent\.yaml/);
  assert.equal((text.match(/\/etc\/quorum\/other\.yaml/g) ?? []).length, 6);
});
