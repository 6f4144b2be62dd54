import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Assessment, NodeObservation } from '../galera/index';
import { EngineHarness } from '../../../test/support/alert-engine';
import { fixtureObservations } from '../../../test/support/galera-fixtures';

const S = 1000;
const MIN = 60 * S;
const rules = (n: { firing: Array<{ rule: string }>; resolved: Array<{ rule: string }> }) => ({
  firing: n.firing.map((a) => a.rule).sort(),
  resolved: n.resolved.map((a) => a.rule).sort(),
});

describe('alert states', () => {
  test('pending → firing after `for`, → resolved after `keep_firing_for`; each step notified once', () => {
    const h = new EngineHarness().poll('healthy-3.json').poll('node3-stopped.json');
    // node3 unreachable fires at once (for 0); the size change waits 30 s.
    assert.deepEqual(h.firing().map((a) => a.rule), ['node_unreachable']);
    assert.equal(h.active('size_below_expected')[0]?.state, 'pending');
    assert.equal(h.notifications.length, 1);
    assert.deepEqual(h.notifications[0]!.firing[0]!.details.nodeNames, ['node3']);
    assert.equal(h.nextEvalAt, h.clock.now() + 30 * S, 'the job is due when the pending alert may fire');

    h.advance(30 * S);
    assert.equal(h.active('size_below_expected')[0]?.state, 'firing');
    // News, but of the same severity: it waits for the group interval (60 s after the first).
    assert.equal(h.notifications.length, 1);
    h.advance(30 * S);
    assert.equal(h.notifications.length, 2);
    assert.deepEqual(rules(h.notifications[1]!), { firing: ['node_unreachable', 'size_below_expected'], resolved: [] });

    h.poll('healthy-3.json');
    assert.equal(h.firing('node_unreachable').length, 1, 'keeps firing for 10 s after it cleared');
    h.advance(10 * S);
    assert.deepEqual(h.active(), []);
    h.advance(60 * S);
    const last = h.notifications.at(-1)!;
    assert.equal(last.status, 'resolved');
    assert.deepEqual(rules(last), { firing: [], resolved: ['node_unreachable', 'size_below_expected'] });
    assert.equal(h.notifications.length, 3);
  });

  test('a pending alert that clears before `for` is dropped, never notified', () => {
    const h = new EngineHarness().poll('healthy-3.json').poll('desynced.json');
    assert.equal(h.active('node_not_synced')[0]?.state, 'pending');
    h.advance(20 * S).poll('healthy-3.json').advance(60 * S);
    assert.deepEqual(h.alerts, []);
    assert.deepEqual(h.notifications, []);
  });

  test('flapping: a node going away and back every 5 s is one alert, one firing and one resolved notification', () => {
    const h = new EngineHarness().poll('healthy-3.json');
    for (let i = 0; i < 12; i++) {
      h.poll(i % 2 === 0 ? 'node3-stopped.json' : 'healthy-3.json').advance(5 * S);
    }
    assert.equal(new Set(h.alerts.filter((a) => a.rule === 'node_unreachable').map((a) => a.id)).size, 1);
    assert.equal(h.notifications.length, 1);
    h.poll('healthy-3.json').advance(10 * MIN);
    assert.deepEqual(
      h.notifications.map((n) => [n.status, rules(n)]),
      [
        ['firing', { firing: ['node_unreachable'], resolved: [] }],
        ['resolved', { firing: [], resolved: ['node_unreachable'] }],
      ],
    );
  });

  test('firing, unacknowledged alerts repeat every repeat interval; acknowledging stops that', () => {
    const h = new EngineHarness().poll('node3-stopped.json');
    h.advance(4 * 60 * MIN);
    assert.equal(h.notifications.length, 2, 'one repeat after 4 h');
    for (const a of h.firing()) a.acknowledgedAt = h.clock.now();
    h.evaluate().advance(24 * 60 * MIN);
    assert.equal(h.notifications.length, 2);
  });
});

describe('split brain', () => {
  test('fires on confirmation naming the rogue node and the empty gcomm://, pages at once after a warning (escalation), resolves with the hint', () => {
    const h = new EngineHarness().poll('healthy-3.json').poll('node3-stopped.json');
    assert.equal(h.notifications.length, 1, 'node3 unreachable (warning)');
    h.advance(5 * S).poll('split-brain-same-uuid.json');
    assert.equal(h.active('split_brain').length, 0, 'suspected only: not yet an alert');
    assert.deepEqual(h.active('config_cluster_address'), [], 'the rogue node is the split brain’s business, not the guard’s');
    h.advance(1 * S).poll('split-brain-same-uuid-t2.json');
    const [split] = h.firing('split_brain');
    assert.ok(split);
    assert.equal(split.severity, 'critical');
    assert.deepEqual(split.details.nodeNames, ['node3']);
    assert.match(split.details.cause ?? '', /empty wsrep_cluster_address \(gcomm:\/\/\)/);
    assert.match(split.summary, /node3 \(127\.0\.0\.13:33063\) formed its own Primary component/);
    const page = h.notifications.at(-1)!;
    assert.equal(h.notifications.length, 2, 'critical after warning: not held back by the group interval');
    assert.equal(page.severity, 'critical');
    assert.deepEqual(rules(page), { firing: ['split_brain'], resolved: [] });
    // The size change is inhibited by the split brain: it never pages.
    h.advance(5 * MIN);
    assert.ok(h.alerts.filter((a) => a.rule === 'size_below_expected').every((a) => a.notifiedState !== 'firing'));
    assert.equal(h.notifications.length, 2, 'paged once: the node alert the split brain explains ends quietly');

    h.poll('healthy-3.json').advance(2 * MIN);
    const resolved = h.notifications.at(-1)!;
    assert.equal(resolved.status, 'resolved');
    assert.ok(rules(resolved).resolved.includes('split_brain'));
  });

  test('a second split brain half a minute after the first was repaired pages at once, not after the group interval', () => {
    const h = new EngineHarness().poll('healthy-3.json').poll('node3-stopped.json');
    const split = () => h.advance(5 * S).poll('split-brain-same-uuid.json').advance(1 * S).poll('split-brain-same-uuid-t2.json');
    split();
    const first = h.notifications.length;
    assert.equal(h.notifications.at(-1)!.firing[0]?.rule, 'split_brain');
    // Repair (node3 stopped, then back), and the same fault again.
    h.advance(10 * S).poll('node3-stopped.json').advance(10 * S).poll('healthy-3.json').advance(5 * S).poll('node3-stopped.json');
    const before = h.notifications.length;
    split();
    const page = h.notifications.at(-1)!;
    assert.equal(h.notifications.length, before + 1, 'paged the moment it was confirmed');
    assert.equal(page.firing[0]?.rule, 'split_brain');
    assert.ok(page.at - h.notifications[first - 1]!.at < 60 * S, 'within the group interval of the first page');
  });
});

describe('inhibition and silences', () => {
  test('a full outage is one "no Primary" notification; the node alerts it explains are inhibited', () => {
    const h = new EngineHarness().poll('healthy-3.json').poll('all-killed-hung.json');
    assert.equal(h.firing('node_unreachable').length, 3);
    assert.ok(h.firing('node_unreachable').every((a) => a.inhibitedBy === 'no_primary:clu_1'));
    assert.equal(h.notifications.length, 1);
    assert.deepEqual(rules(h.notifications[0]!), { firing: ['no_primary'], resolved: [] });
  });

  test('a silence holds notifications back until it ends; a maintenance window makes a Donor expected', () => {
    const h = new EngineHarness();
    h.silences = [{ id: 'sil_1', kind: 'silence', clusterId: 'clu_1', nodeId: null, rule: null, startsAt: h.clock.now(), endsAt: h.clock.now() + 10 * MIN }];
    h.poll('node3-stopped.json');
    assert.equal(h.firing('node_unreachable')[0]?.silencedBy, 'sil_1');
    assert.equal(h.notifications.length, 0);
    h.advance(9 * MIN);
    assert.equal(h.notifications.length, 0);
    h.advance(1 * MIN);
    assert.equal(h.notifications.length, 1, 'notified the moment the silence ends');
    assert.deepEqual(rules(h.notifications[0]!).firing, ['node_unreachable', 'size_below_expected']);

    const m = new EngineHarness();
    m.silences = [{ id: 'mnt_1', kind: 'maintenance', clusterId: 'clu_1', nodeId: 'n2', rule: null, startsAt: m.clock.now(), endsAt: m.clock.now() + 30 * MIN }];
    m.poll('desynced.json').advance(5 * MIN);
    assert.deepEqual(m.alerts, [], 'node2 desynced for a backup inside its window: no incident');
    m.advance(30 * MIN).poll('desynced.json').advance(1 * MIN);
    assert.equal(m.firing('node_not_synced')[0]?.nodeId, 'n2', 'after the window it is one');
  });

  test('a Donor serving a state transfer, and a node under a Quorum operation, are not incidents', () => {
    const h = new EngineHarness().poll('donor.json').advance(5 * MIN);
    assert.deepEqual(h.active('node_not_synced'), [], 'node1 is Donor while node3 receives its SST');
    const o = new EngineHarness();
    o.nodesUnderOperation.add('n3');
    o.poll('node3-stopped.json').advance(5 * MIN);
    assert.deepEqual(o.active('node_unreachable'), []);
  });
});

describe('grouping', () => {
  /** n nodes of one huge cluster, the first `down` of them unreachable. */
  function outage(n: number, down: number, now: number): { observations: NodeObservation[]; assessment: Assessment } {
    const healthy = fixtureObservations('healthy-3.json')[0]!;
    const observations = Array.from({ length: n }, (_, i) => ({
      ...healthy,
      nodeId: `n${i}`,
      name: `node${i}`,
      address: `10.0.${Math.floor(i / 250)}.${i % 250}:3306`,
      observedAt: now,
      status: i < down ? { ...healthy.status!, reachable: false, error: 'connect ECONNREFUSED' } : healthy.status,
    }));
    const assessment: Assessment = {
      health: 'degraded',
      summary: '',
      components: [],
      splitBrain: null,
      assessedAt: now,
      findings: observations
        .slice(0, down)
        .map((o) => ({ code: 'node_unreachable' as const, severity: 'critical' as const, message: `${o.name} is unreachable`, nodeIds: [o.nodeId] })),
    };
    return { observations, assessment };
  }

  test('a storm of 1,000 node alerts over two minutes → at most one notification per group interval, naming all of them', () => {
    const h = new EngineHarness();
    h.policy = { groupWaitMs: 0, groupIntervalMs: MIN, repeatIntervalMs: 4 * 60 * MIN };
    const start = h.clock.now();
    for (let step = 1; step <= 24; step++) {
      const { observations, assessment } = outage(1000, Math.ceil((1000 * step) / 24), h.clock.now());
      h.observe(observations, assessment).advance(5 * S);
    }
    h.advance(2 * MIN);
    const at = h.notifications.map((n) => n.at - start);
    for (let i = 1; i < at.length; i++) assert.ok(at[i]! - at[i - 1]! >= MIN, `notifications ${at.join(', ')} ms apart`);
    assert.ok(h.notifications.length <= 4, `${h.notifications.length} notifications`);
    assert.equal(h.notifications.at(-1)!.firing.length, 1000, 'the last names every alert');
    assert.equal(h.firing('node_unreachable').length, 1000);
  });

  test('group wait collects alerts that arrive together into the first notification', () => {
    const h = new EngineHarness();
    h.policy = { groupWaitMs: 10 * S, groupIntervalMs: 5 * MIN, repeatIntervalMs: 4 * 60 * MIN };
    for (const down of [1, 10, 100]) {
      const { observations, assessment } = outage(100, down, h.clock.now());
      h.observe(observations, assessment).advance(3 * S);
    }
    h.advance(2 * S);
    assert.deepEqual(h.notifications.map((n) => n.firing.length), [100]);
  });
});

describe('configuration guard', () => {
  const files = [{ path: '/etc/mysql/my.cnf', readable: true }];
  const config = (settings: Record<string, unknown>, running: Record<string, unknown> | null = null) => ({
    configured: { files, settings },
    running,
    observedAt: 0,
  });

  test('an empty gcomm:// written to a node’s option file fires before any restart, naming the node and the file', () => {
    const h = new EngineHarness();
    h.configs.set('n3', config({ wsrep_cluster_address: 'gcomm://' }));
    h.poll('healthy-3.json');
    const [guard] = h.firing('config_cluster_address');
    assert.ok(guard);
    assert.equal(guard.severity, 'critical');
    assert.equal(guard.nodeId, 'n3');
    assert.match(guard.summary, /node3 \(127\.0\.0\.13:33063\): its option files \(\/etc\/mysql\/my\.cnf\) set wsrep_cluster_address=gcomm:\/\/ \(empty\) while node1 and node2 are alive/);
    assert.equal(h.notifications.length, 1);

    h.configs.set('n3', config({ wsrep_cluster_address: 'gcomm://127.0.0.11:45671,127.0.0.12:45672,127.0.0.13:45673' }));
    h.evaluate();
    assert.deepEqual(h.active('config_cluster_address'), []);
  });

  test('self-only and peerless addresses are flagged; a partial list with a live peer, or names used cluster-wide, are not', () => {
    const check = (address: string) => {
      const h = new EngineHarness();
      h.configs.set('n3', config({ wsrep_cluster_address: address, wsrep_node_address: '127.0.0.13:45673' }));
      h.poll('healthy-3.json');
      return h.firing('config_cluster_address')[0]?.details.evidence?.kind;
    };
    assert.equal(check('gcomm://127.0.0.13:45673'), 'empty');
    assert.equal(check('gcomm://10.9.9.9:4567'), 'no_live_peer');
    assert.equal(check('gcomm://127.0.0.12:45672'), undefined);
    assert.equal(check('gcomm://127.0.0.11,127.0.0.12,127.0.0.13?pc.wait_prim=no'), undefined);
    const names = new EngineHarness();
    for (const n of ['n1', 'n2', 'n3']) names.configs.set(n, config({ wsrep_cluster_address: 'gcomm://db1,db2,db3' }));
    names.poll('healthy-3.json');
    assert.deepEqual(names.active('config_cluster_address'), []);
  });

  test('bootstrap flags, pc.ignore_sb, innodb_flush_log_at_trx_commit and a 2-node cluster without arbitrator', () => {
    const h = new EngineHarness();
    h.configs.set('n1', config({ providerOptions: { 'pc.bootstrap': 'YES' } }));
    h.configs.set('n2', config({ wsrep_new_cluster: '' }, { providerOptions: { 'pc.ignore_sb': 'true' } }));
    h.configs.set('n3', config({ innodb_flush_log_at_trx_commit: '2' }));
    h.poll('healthy-3.json');
    assert.deepEqual(
      h.firing().map((a) => `${a.rule}:${a.nodeId}:${a.severity}`).sort(),
      ['config_bootstrap:n1:critical', 'config_bootstrap:n2:critical', 'config_flush_log:n3:info', 'config_ignore_sb:n2:warning'],
    );
    const two = new EngineHarness();
    two.expectedSize = 2;
    const [a, b] = fixtureObservations('healthy-3.json');
    two.observe([a!, b!].map((o) => ({ ...o, status: { ...o.status!, clusterSize: 2 } })));
    assert.equal(two.firing('two_node_no_arbitrator').length, 1);
  });

  test('rules can be disabled and re-tuned (cluster overrides)', () => {
    const h = new EngineHarness();
    h.overrides.node_unreachable = { enabled: false };
    h.overrides.size_below_expected = { forMs: 0, severity: 'critical' };
    h.poll('node3-stopped.json');
    assert.deepEqual(h.firing().map((a) => `${a.rule}:${a.severity}`), ['size_below_expected:critical']);
  });

  test('threshold rules fire after their duration on the latest samples', () => {
    const h = new EngineHarness();
    h.metrics.set('n2', { recv_queue: 500, flow_control_paused: 0.05, cert_failures_per_s: 3 });
    h.poll('healthy-3.json');
    assert.deepEqual(h.active().map((a) => `${a.rule}:${a.state}`).sort(), ['cert_failures_high:pending', 'recv_queue_high:pending']);
    h.advance(60 * S);
    assert.deepEqual(h.firing().map((a) => a.rule).sort(), ['cert_failures_high', 'recv_queue_high']);
    assert.match(h.firing('recv_queue_high')[0]!.summary, /node2 .*500 write-sets waiting to be applied \(threshold 100\)/);
  });
});
