import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../api/types';
import { emptyWords, filterSearch, parseFilter, worstFirst } from './filter';
import {
  actorWords,
  alertTimeline,
  compareWorstFirst,
  countsTone,
  countsWords,
  customMinutes,
  deliveryLook,
  durationWords,
  evidenceRows,
  fieldWords,
  silenceLook,
  silenceScope,
  sinceOf,
  stateLook,
  whereWords,
} from './words';

const T = 1_800_000_000_000;

function alert(over: Partial<Alert>): Alert {
  return {
    id: 'alr_01',
    rule: 'split_brain',
    title: 'Split brain',
    state: 'firing',
    severity: 'critical',
    clusterId: 'clu_1',
    clusterName: 'shop-prod',
    nodeId: null,
    nodeNames: ['node3'],
    summary: 'Split brain',
    cause: null,
    details: {},
    startedAt: T,
    firedAt: T,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedBy: null,
    inhibitedBy: null,
    ...over,
  };
}

test('the list reads worst first: unacknowledged firing, then acknowledged, pending, resolved; critical first; then the newest', () => {
  const list = [
    alert({ id: 'a', state: 'resolved', severity: 'critical', resolvedAt: T + 9 }),
    alert({ id: 'b', state: 'acknowledged', severity: 'critical' }),
    alert({ id: 'c', state: 'firing', severity: 'warning', firedAt: T + 5 }),
    alert({ id: 'd', state: 'firing', severity: 'critical', firedAt: T + 1 }),
    alert({ id: 'e', state: 'pending', severity: 'critical', firedAt: null }),
    alert({ id: 'f', state: 'firing', severity: 'critical', firedAt: T + 2 }),
    alert({ id: 'g', state: 'firing', severity: 'info', firedAt: T + 8 }),
  ];
  assert.deepEqual(list.sort(compareWorstFirst).map((a) => a.id), ['f', 'd', 'c', 'g', 'b', 'e', 'a']);
});

test('states and severities have words, tones and icons; firing takes its severity’s colour', () => {
  assert.deepEqual(stateLook('firing', 'critical'), { word: 'Firing', tone: 'bad', icon: 'alert' });
  assert.equal(stateLook('firing', 'warning').tone, 'warn');
  assert.equal(stateLook('firing', 'info').tone, 'unknown', 'a firing info is not red');
  assert.equal(stateLook('acknowledged', 'critical').word, 'Acknowledged');
  assert.equal(stateLook('resolved', 'critical').tone, 'ok');
  assert.equal(sinceOf(alert({ state: 'pending', startedAt: T, firedAt: null })), T);
  assert.equal(sinceOf(alert({ state: 'resolved', firedAt: T + 1, resolvedAt: T + 2 })), T + 2);
  assert.equal(whereWords(alert({ nodeNames: ['node1', 'node2'] })), 'shop-prod · node1 and node2');
  assert.equal(whereWords(alert({ nodeNames: [], clusterName: null })), 'clu_1');
});

test('a cluster’s active alerts in words and colour', () => {
  const none = { firing: 0, acknowledged: 0, pending: 0, bySeverity: { critical: 0, warning: 0, info: 0 } };
  assert.equal(countsWords(none), null);
  assert.equal(countsTone(none), 'ok');
  const some = { firing: 2, acknowledged: 1, pending: 1, bySeverity: { critical: 1, warning: 2, info: 0 } };
  assert.equal(countsWords(some), '2 firing · 1 acknowledged · 1 pending');
  assert.equal(countsTone(some), 'bad');
  assert.equal(countsTone({ ...none, acknowledged: 1, bySeverity: { critical: 0, warning: 1, info: 0 } }), 'warn');
  assert.equal(countsTone({ ...none, pending: 1 }), 'unknown');
});

test('an alert’s life in order, acknowledgement by whom', () => {
  const a = alert({ startedAt: T, firedAt: T + 30_000, acknowledgedAt: T + 60_000, acknowledgedBy: 'usr_1', state: 'resolved', resolvedAt: T + 90_000 });
  const life = alertTimeline(a, (id) => (id === 'usr_1' ? 'you' : id));
  assert.deepEqual(life.map((e) => e.word), ['Condition seen', 'Fired', 'Acknowledged', 'Resolved']);
  assert.match(life[2]!.detail!, /^by you/);
  // A rule without a waiting time fires the moment it is seen: one entry, not two.
  assert.deepEqual(alertTimeline(alert({}), String).map((e) => e.word), ['Fired']);
  assert.deepEqual(alertTimeline(alert({ state: 'pending', firedAt: null }), String).map((e) => e.word), ['Condition seen']);
  assert.equal(actorWords('tok_123', () => 'x'), 'an API token');
  assert.equal(actorWords('usr_1', () => 'ana@example.com'), 'ana@example.com');
});

test('durations: words for rule timings, custom silence lengths within the API’s limits', () => {
  assert.equal(durationWords(0), '0 s');
  assert.equal(durationWords(30), '30 s');
  assert.equal(durationWords(600), '10 min');
  assert.equal(durationWords(14_400), '4 h');
  assert.equal(durationWords(5_400), '1 h 30 min');
  assert.equal(durationWords(93_600), '1 d 2 h');
  assert.deepEqual(customMinutes(2, 'hours'), { minutes: 120 });
  assert.deepEqual(customMinutes(30, 'days'), { minutes: 43_200 });
  assert.ok('error' in customMinutes(31, 'days'));
  assert.ok('error' in customMinutes(0, 'minutes'));
  assert.ok('error' in customMinutes(Number.NaN, 'hours'));
});

test('deliveries: delivered, retrying, queued, failed — each a word', () => {
  assert.equal(deliveryLook({ state: 'delivered', attempts: 1 }).word, 'Delivered');
  assert.equal(deliveryLook({ state: 'pending', attempts: 2 }).word, 'Retrying');
  assert.equal(deliveryLook({ state: 'pending', attempts: 0 }).word, 'Queued');
  assert.equal(deliveryLook({ state: 'failed', attempts: 10 }).tone, 'bad');
});

test('evidence: names in words, lists joined, instants as times, nested values kept whole', () => {
  assert.equal(fieldWords('primarySize'), 'primary size');
  assert.equal(fieldWords('pc_bootstrap'), 'pc bootstrap');
  const rows = evidenceRows(
    {
      finding: 'split_brain',
      majority: ['node1', 'node2'],
      since: T,
      size: 3,
      empty: null,
      causes: ['said above'],
      components: [{ nodes: ['node1', 'node2'], size: 2, confId: '8' }, { nodes: ['node3'], size: 1, confId: '1' }],
      clusterAddresses: { node1: 'gcomm://127.0.0.12', node3: 'gcomm://' },
    },
    ['causes'],
  );
  assert.deepEqual(rows.map((r) => [r.label, r.kind]), [['finding', 'text'], ['majority', 'text'], ['since', 'time'], ['size', 'text'], ['components', 'lines'], ['cluster addresses', 'lines']]);
  assert.equal(rows[1]!.text, 'node1, node2');
  assert.equal(rows[2]!.at, T);
  assert.deepEqual(rows[4]!.lines, ['nodes: node1, node2 · size: 2 · conf id: 8', 'nodes: node3 · size: 1 · conf id: 1']);
  assert.deepEqual(rows[5]!.lines, ['node1: gcomm://127.0.0.12', 'node3: gcomm://']);
  assert.deepEqual(evidenceRows(undefined), []);
  assert.deepEqual(evidenceRows(['x']), []);
});

test('silences: the scope in words, active / scheduled / ended', () => {
  const names = { cluster: (id: string) => (id === 'clu_1' ? 'shop-prod' : undefined), node: () => 'node2', rule: () => 'Node not Synced' };
  assert.equal(silenceScope({ clusterId: 'clu_1', nodeId: 'nod_2', rule: 'node_not_synced' }, names), 'shop-prod · node2 · Node not Synced');
  assert.equal(silenceScope({ clusterId: 'clu_1', nodeId: null, rule: null }, names), 'shop-prod · every alert');
  assert.equal(silenceScope({ clusterId: null, nodeId: null, rule: 'split_brain' }, names), 'every cluster · Node not Synced');
  assert.equal(silenceScope({ clusterId: 'clu_9', nodeId: null, rule: null }, names), 'clu_9 · every alert');
  assert.equal(silenceLook({ active: true, startsAt: T, endsAt: T + 1 }, T).word, 'Active');
  assert.equal(silenceLook({ active: false, startsAt: T + 10, endsAt: T + 20 }, T).word, 'Scheduled');
  assert.equal(silenceLook({ active: false, startsAt: T - 20, endsAt: T - 10 }, T).word, 'Ended');
});

test('filters live in the URL; defaults are left out; bad values fall back', () => {
  assert.deepEqual(parseFilter(new URLSearchParams('')), { state: 'active', clusterId: undefined, severity: undefined });
  const f = parseFilter(new URLSearchParams('state=resolved&clusterId=clu_01ABC&severity=critical'));
  assert.deepEqual(f, { state: 'resolved', clusterId: 'clu_01ABC', severity: 'critical' });
  assert.equal(filterSearch(f), '?state=resolved&clusterId=clu_01ABC&severity=critical');
  assert.equal(filterSearch(parseFilter(new URLSearchParams('state=burning&clusterId=x%27&severity=urgent'))), '');
  assert.equal(worstFirst(parseFilter(new URLSearchParams('state=firing'))), true);
  assert.equal(worstFirst(f), false, 'history reads newest first, as its pages arrive');
  assert.equal(emptyWords(parseFilter(new URLSearchParams(''))), 'No active alerts');
  assert.equal(emptyWords(parseFilter(new URLSearchParams('severity=critical'))), 'No active critical alerts');
});
