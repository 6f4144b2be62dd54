import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../cloud/test/support/test-db';
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type ReceivedMail, type SmtpSink } from '../../cloud/test/support/receivers';
import { Stack } from '../src/stack';
import { waitFor } from '../src/wait';

/**
 * Alerts end to end on a real 3-node Galera lab: a real agent reading the nodes' my.cnf, the
 * control plane, a Slack channel pointing at a real HTTP receiver and an email channel at a real
 * SMTP sink (smtp-server).
 * 1. Configuration management writes an empty gcomm:// into node3's my.cnf, nothing restarts:
 *    the configuration guard pages before anything breaks; fixing the file resolves it.
 * 2. The weekend: node3 restarted with an empty gcomm:// → one Slack message and one email naming
 *    node3 and the empty address; repaired → the resolution is notified.
 */
let db: TestDatabase;
let stack: Stack;
let sink: SmtpSink;
let slack: HttpReceiver;

interface SlackMessage {
  text: string;
  blocks: Array<{ type: string; text?: { text: string } }>;
  deliveryId: string;
}

const slackMessages = (): SlackMessage[] =>
  slack.delivered().map((r) => ({ ...(JSON.parse(r.body) as Omit<SlackMessage, 'deliveryId'>), deliveryId: String(r.headers['quorum-delivery-id']) }));
const header = (m: SlackMessage) => m.blocks[0]?.text?.text ?? '';
const mark = () => ({ slack: slack.delivered().length, mail: sink.accepted().length });
type Mark = ReturnType<typeof mark>;

async function slackAfter(since: Mark, what: string, predicate: (m: SlackMessage) => boolean, timeoutMs = 60_000): Promise<SlackMessage> {
  return waitFor(`a Slack message: ${what}`, async () => slackMessages().slice(since.slack).find(predicate), {
    timeoutMs,
    describe: () => slackMessages().slice(since.slack).map(header).join(' | ') || 'none',
  });
}

async function mailAfter(since: Mark, what: string, predicate: (m: ReceivedMail) => boolean, timeoutMs = 60_000): Promise<ReceivedMail> {
  return waitFor(`an email: ${what}`, async () => sink.accepted().slice(since.mail).find(predicate), {
    timeoutMs,
    describe: () => sink.accepted().slice(since.mail).map((m) => m.subject).join(' | ') || 'none',
  });
}

before(async () => {
  sink = await startSmtpSink();
  slack = await startHttpReceiver();
  db = await createTestDatabase('e2e_alerts');
  stack = await Stack.start({
    databaseUrl: db.url,
    polling: { stateIntervalMs: 1000, sampleIntervalMs: 5000, configIntervalMs: 1000 },
    notifications: { smtpUrl: sink.url, allowPrivateTargets: true },
    watchConfigFiles: true,
  });
  await stack.addChannel({ type: 'email', name: 'On-call email', to: ['oncall@example.com'] });
  await stack.addChannel({ type: 'slack', name: '#db-oncall', url: `${slack.url}/services/T0000/B0000/e2e` });
  // Resolutions and follow-ups arrive within seconds instead of a minute.
  await stack.api.request('PUT', '/notification-policy', { groupIntervalSeconds: 5 });
});

after(async () => {
  await stack?.stop();
  await db?.drop();
  await sink?.close();
  await slack?.close();
});

test('the cluster is healthy and nothing pages', async () => {
  await stack.waitForHealth('healthy', {
    timeoutMs: 90_000,
    check: (c) => c.nodes.length === 3 && c.nodes.every((n) => n.state === 'Synced' && n.fresh),
  });
  const { alerts } = await stack.api.get<{ alerts: unknown[] }>('/alerts');
  assert.deepEqual(alerts, []);
});

test('an empty gcomm:// written to node3’s my.cnf pages before anything restarts; fixing the file resolves it', async () => {
  const since = mark();
  const original = stack.lab.configOption('node3', 'wsrep_cluster_address');
  assert.ok(original?.startsWith('gcomm://127.'), original ?? 'no address');
  await stack.lab.setConfigOption('node3', 'wsrep_cluster_address', 'gcomm://');

  const page = await slackAfter(since, 'the configuration guard naming node3', (m) => /Node will bootstrap a separate cluster/.test(header(m)));
  assert.match(header(page), /CRITICAL: Node will bootstrap a separate cluster on .* \(node3\)/);
  assert.match(JSON.stringify(page.blocks), /wsrep_cluster_address=gcomm:\/\/ \(empty\) while node1 and node2 are alive/);
  assert.match(JSON.stringify(page.blocks), /node3\/my\.cnf/);
  const mail = await mailAfter(since, 'the configuration guard', (m) => /Node will bootstrap a separate cluster/.test(m.subject));
  assert.match(mail.subject, /^\[Quorum\] CRITICAL: Node will bootstrap a separate cluster on .* \(node3\)$/);
  const cluster = await stack.cluster();
  assert.equal(cluster.health, 'healthy', 'nothing broke: the warning came first');

  const fixed = mark();
  await stack.lab.setConfigOption('node3', 'wsrep_cluster_address', original);
  const resolved = await slackAfter(fixed, 'the guard resolved', (m) => /^:white_check_mark: RESOLVED: Node will bootstrap/.test(header(m)));
  assert.match(header(resolved), /\(node3\)/);
  await mailAfter(fixed, 'the guard resolved', (m) => /RESOLVED: Node will bootstrap/.test(m.subject));
});

test('node3 restarted with an empty gcomm:// → one Slack message and one email naming node3; repaired → resolved', async () => {
  await stack.stopForSplit('node3');

  const since = mark();
  await stack.lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'] });
  const isSplitPage = (m: SlackMessage) => /CRITICAL: Split brain on .* \(node3\)/.test(header(m));
  const page = await slackAfter(since, 'the split brain naming node3', isSplitPage, 30_000);
  const blocks = JSON.stringify(page.blocks);
  assert.match(blocks, /\*Node\*\\nnode3 \(`127\.0\.0\.\d+:\d+`\)/);
  assert.match(blocks, /\*Cause\*\\nnode3 runs with an empty wsrep_cluster_address \(gcomm:\/\/\)/);
  assert.match(blocks, /\/clusters\/clu_/, 'links to the cluster page');
  const mail = await mailAfter(since, 'the split brain', (m) => /Split brain/.test(m.subject), 30_000);
  assert.match(mail.subject, /^\[Quorum\] CRITICAL: Split brain on .* \(node3\)$/);
  assert.match(mail.raw, /gcomm:\/\//);
  const split = (await stack.api.get<{ alerts: Array<{ rule: string; nodeNames: string[]; state: string }> }>('/alerts')).alerts.find((a) => a.rule === 'split_brain');
  assert.deepEqual([split?.state, split?.nodeNames], ['firing', ['node3']]);

  // Repair the documented way: stop node3, discard its state (full SST), start it normally.
  const repaired = mark();
  await stack.repairSplitNode('node3');
  const splitResolved = (m: SlackMessage) => /RESOLVED: Split brain/.test(header(m)) || /\*Resolved \(\d+\)\*\\n• \*CRITICAL\* Split brain/.test(JSON.stringify(m.blocks));
  const resolved = await slackAfter(repaired, 'the split brain resolved', splitResolved);
  assert.match(JSON.stringify(resolved.blocks), /Split brain/);
  await mailAfter(repaired, 'the split brain resolved', (m) => /Split brain/.test(m.subject) ? /RESOLVED/.test(m.subject) : /Resolved \(\d+\):\s+- CRITICAL Split brain/.test(m.raw.replace(/=\r?\n/g, '')));

  // One page per channel for the split brain, never repeated; no delivery id twice.
  assert.equal(slackMessages().slice(since.slack).filter(isSplitPage).length, 1);
  assert.equal(sink.accepted().slice(since.mail).filter((m) => /CRITICAL: Split brain/.test(m.subject)).length, 1);
  const ids = slackMessages().map((m) => m.deliveryId);
  assert.equal(new Set(ids).size, ids.length);
  const messageIds = sink.accepted().map((m) => m.messageId);
  assert.equal(new Set(messageIds).size, messageIds.length);
});

test('every notification in the delivery log was delivered; none failed', async (t) => {
  t.diagnostic(`Slack messages: ${slackMessages().map(header).join(' | ')}`);
  t.diagnostic(`emails: ${sink.accepted().map((m) => m.subject).join(' | ')}`);
  const { deliveries } = await stack.api.get<{ deliveries: Array<{ state: string; channelType: string; attempts: number }> }>('/deliveries?limit=200');
  assert.ok(deliveries.length >= 6, `${deliveries.length} deliveries`);
  const states = await waitFor('deliveries to settle', async () => {
    const d = (await stack.api.get<{ deliveries: Array<{ state: string }> }>('/deliveries?limit=200')).deliveries;
    return d.every((x) => x.state === 'delivered' || x.state === 'failed') ? d.map((x) => x.state) : undefined;
  });
  assert.deepEqual([...new Set(states)], ['delivered']);
  assert.equal(slack.requests.length, slack.delivered().length, 'the Slack receiver never had to refuse anything');
});
