import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert, ClusterEvent } from '../api/types';
import { markerDrawing } from '../charts/markers';
import { eventMarkers, eventTypeLabel, filterEvents, mergeEvents } from '../galera/events';
import { operationEvents } from '../operations/results';
import { loadAlertsSince, PAGE, type AlertPageLoader } from './load';
import { alertEvents, alertOf, isAlertEvent, supersedeAlertEvents } from './timeline';

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
    summary: 'node3 formed its own Primary component',
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

const event = (id: string, at: number, type = 'node_state_changed', severity: ClusterEvent['severity'] = 'warning'): ClusterEvent => ({
  id,
  clusterId: 'clu_1',
  nodeId: null,
  type,
  severity,
  message: id,
  data: null,
  occurredAt: at,
});

const who = (id: string) => (id === 'usr_me' ? 'you (oncall@example.com)' : id.startsWith('tok_') ? 'an API token' : id);

test('an alert joins the timeline when it fired, was acknowledged (by whom) and resolved; each entry names the alert', () => {
  const entries = alertEvents(
    [
      alert({ id: 'alr_b', state: 'resolved', firedAt: T + 10, acknowledgedAt: T + 20, acknowledgedBy: 'usr_me', resolvedAt: T + 30 }),
      alert({ id: 'alr_p', state: 'pending', firedAt: null, summary: 'waiting' }),
      alert({ id: 'alr_r', state: 'resolved', firedAt: null, resolvedAt: T + 5, summary: 'cleared before it fired' }),
      alert({ id: 'alr_w', severity: 'warning', nodeId: 'nod_2', nodeNames: ['node2'], title: 'Receive queue high', summary: 'node2: 500 write-sets waiting', firedAt: T + 40, acknowledgedAt: T + 41, acknowledgedBy: 'tok_1' }),
    ],
    who,
  );
  assert.deepEqual(
    entries.map((e) => [e.id, e.type, e.severity, e.occurredAt]),
    [
      ['alr_b:fired', 'alert_firing', 'critical', T + 10],
      ['alr_b:acknowledged', 'alert_acknowledged', 'info', T + 20],
      ['alr_b:resolved', 'alert_resolved', 'info', T + 30],
      ['alr_w:fired', 'alert_firing', 'warning', T + 40],
      ['alr_w:acknowledged', 'alert_acknowledged', 'info', T + 41],
    ],
    'a pending alert, or one that cleared before it fired, has no entry',
  );
  assert.equal(entries[0]!.message, 'node3 formed its own Primary component', 'fired: the summary');
  assert.equal(entries[1]!.message, 'Split brain: acknowledged by you (oncall@example.com)');
  assert.equal(entries[2]!.message, 'Split brain: resolved — the condition cleared');
  assert.equal(entries[4]!.message, 'Receive queue high: acknowledged by an API token');
  assert.deepEqual(alertOf(entries[0]!), { alertId: 'alr_b', nodes: 'node3' });
  assert.deepEqual(alertOf(entries[3]!), { alertId: 'alr_w', nodes: 'node2' });
  assert.equal(entries[3]!.nodeId, 'nod_2');
  assert.equal(alertOf(event('e', 1)), undefined, 'an event is not an alert');
  assert.equal(alertOf({ type: 'node_state_changed', data: { alertId: 'alr_x' } }), undefined, 'only alert entries link to an alert');
  assert.equal(isAlertEvent(entries[2]!), true);
  assert.deepEqual(['alert_firing', 'alert_acknowledged', 'alert_resolved'].map(eventTypeLabel), ['Alert fired', 'Alert acknowledged', 'Alert resolved']);
  // Acknowledged by nobody known (an old row): no "by".
  assert.equal(alertEvents([alert({ acknowledgedAt: T + 1 })], who)[1]!.message, 'Split brain: acknowledged');
});

test('events, operations and alerts merge newest first, each once, in a stable order', () => {
  const ops = operationEvents(
    [{ id: 'op1', clusterId: 'clu_1', nodeId: null, parentId: null, action: 'rolling-restart', state: 'succeeded', createdAt: T + 15, finishedAt: T + 25 } as never],
    new Map(),
  );
  const alerts = alertEvents([alert({ id: 'alr_a', firedAt: T + 20, resolvedAt: T + 50 })], who);
  const merged = mergeEvents([event('e2', T + 30), event('e1', T + 10)], [event('e1', T + 10)], ops, alerts);
  assert.deepEqual(
    merged.map((e) => e.id),
    ['alr_a:resolved', 'e2', 'op1:finished', 'alr_a:fired', 'op1:asked', 'e1'],
  );
  // Same instant: a stable order (by id, descending), so a poll moves nothing.
  const tie = mergeEvents([event('a', T)], alertEvents([alert({ id: 'alr_t', firedAt: T })], who));
  assert.deepEqual(tie.map((e) => e.id), ['alr_t:fired', 'a']);
  assert.deepEqual(mergeEvents([event('a', T)], alertEvents([alert({ id: 'alr_t', firedAt: T })], who)).map((e) => e.id), tie.map((e) => e.id));
});

test("the control plane's recorded alert events give way to the loaded alerts' entries; an alert not loaded keeps them", () => {
  // As evaluate-cluster-alerts records them: `alert_firing` / `alert_resolved`, data {alertId, rule, fingerprint}.
  const recorded = (id: string, alertId: string, type: 'alert_firing' | 'alert_resolved', at: number): ClusterEvent => ({
    ...event(id, at, type, type === 'alert_firing' ? 'critical' : 'info'),
    message: `shop-prod: alert — Split brain: ${alertId}`,
    data: { alertId, rule: 'split_brain', fingerprint: 'split_brain:clu_1' },
  });
  const events = [event('evt_ns', T + 1), recorded('evt_f1', 'alr_1', 'alert_firing', T + 10), recorded('evt_r1', 'alr_1', 'alert_resolved', T + 30), recorded('evt_f0', 'alr_0', 'alert_firing', T - 50)];
  const loaded = [alert({ id: 'alr_1', state: 'resolved', firedAt: T + 10, acknowledgedAt: T + 20, acknowledgedBy: 'usr_me', resolvedAt: T + 30 })];
  const merged = mergeEvents(supersedeAlertEvents(events, loaded), alertEvents(loaded, who));
  assert.deepEqual(
    merged.map((e) => e.id),
    ['alr_1:resolved', 'alr_1:acknowledged', 'alr_1:fired', 'evt_ns', 'evt_f0'],
    'each fact once: the loaded alert replaces its two recorded events; the older alert keeps its own',
  );
  assert.deepEqual(alertOf(merged.at(-1)!), { alertId: 'alr_0', nodes: '' }, 'a recorded event links to its alert too');
  assert.deepEqual(eventMarkers(merged).map((m) => m.shape), ['alert-resolved', 'alert-fired', 'event', 'alert-fired']);
  assert.deepEqual(filterEvents(merged, { severity: 'all', kind: 'all', alerts: 'only' }).map((e) => e.id), ['alr_1:resolved', 'alr_1:acknowledged', 'alr_1:fired', 'evt_f0']);
  assert.deepEqual(supersedeAlertEvents(events, []), events, 'no alert loaded (or none could be): the recorded events as they are');
});

test('the timeline filters: severity, kind, and alerts (with the rest, only, without)', () => {
  const list = mergeEvents(
    [event('sb', T + 1, 'split_brain_detected', 'critical'), event('ns', T + 2, 'node_state_changed', 'warning')],
    alertEvents([alert({ id: 'alr_c', firedAt: T + 3, acknowledgedAt: T + 4, acknowledgedBy: 'usr_me' }), alert({ id: 'alr_w', severity: 'warning', firedAt: T + 5 })], who),
  );
  const ids = (f: Parameters<typeof filterEvents>[1]) => filterEvents(list, f).map((e) => e.id);
  assert.deepEqual(ids({ severity: 'all', kind: 'all', alerts: 'with' }), ['alr_w:fired', 'alr_c:acknowledged', 'alr_c:fired', 'ns', 'sb']);
  assert.deepEqual(ids({ severity: 'all', kind: 'all', alerts: 'only' }), ['alr_w:fired', 'alr_c:acknowledged', 'alr_c:fired']);
  assert.deepEqual(ids({ severity: 'all', kind: 'all', alerts: 'without' }), ['ns', 'sb']);
  assert.deepEqual(ids({ severity: 'critical', kind: 'all', alerts: 'with' }), ['alr_c:fired', 'sb']);
  assert.deepEqual(ids({ severity: 'warning', kind: 'all', alerts: 'only' }), ['alr_w:fired']);
  assert.deepEqual(ids({ severity: 'all', kind: 'alert_firing', alerts: 'with' }), ['alr_w:fired', 'alr_c:fired']);
  assert.deepEqual(ids({ severity: 'all', kind: 'alert_firing', alerts: 'without' }), [], 'contradicting filters show nothing');
  assert.deepEqual(ids({ severity: 'all', kind: 'node_state_changed', alerts: 'only' }), []);
});

test('alerts become chart markers told apart by shape: fired (filled flag, its severity), resolved (hollow flag); acknowledged none', () => {
  const list = [
    ...alertEvents(
      [
        alert({ id: 'alr_c', firedAt: 5000, acknowledgedAt: 6000, acknowledgedBy: 'usr_me', resolvedAt: 7000 }),
        alert({ id: 'alr_w', severity: 'warning', firedAt: 8000 }),
        alert({ id: 'alr_i', severity: 'info', firedAt: 9000 }),
      ],
      who,
    ),
    event('sb', 4000, 'split_brain_detected', 'critical'),
    event('ok', 3000, 'node_state_changed', 'info'),
  ];
  assert.deepEqual(
    eventMarkers(list).map((m) => [m.at, m.shape, m.tone]),
    [
      [5, 'alert-fired', 'bad'],
      [7, 'alert-resolved', 'ok'],
      [8, 'alert-fired', 'warn'],
      [9, 'alert-fired', 'unknown'],
      [4, 'event', 'bad'],
      [3, 'event', 'ok'],
    ],
  );
  assert.equal(eventMarkers(list)[0]!.label, 'Alert fired: node3 formed its own Primary component');
});

test('a marker is drawn by its shape: events dashed, alerts solid under a flag (filled when fired, hollow when resolved)', () => {
  const ev = markerDrawing('event', 100, 10, 170, 2);
  assert.deepEqual([ev.top, ev.bottom, ev.lineWidth, ev.dash, ev.flag], [10, 180, 2, [8, 6], undefined]);
  assert.deepEqual(markerDrawing(undefined, 100, 10, 170, 1).dash, [4, 3], 'no shape: an event, as before');
  const fired = markerDrawing('alert-fired', 100, 10, 170, 2);
  assert.deepEqual(fired.flag, { points: [[90, 10], [110, 10], [100, 26]], filled: true });
  assert.deepEqual([fired.top, fired.bottom, fired.dash, fired.lineWidth], [26, 180, [], 3], 'the line hangs from the flag, solid and thicker');
  const resolved = markerDrawing('alert-resolved', 100, 10, 170, 1);
  assert.deepEqual(resolved.flag, { points: [[95, 10], [105, 10], [100, 18]], filled: false });
  assert.deepEqual([resolved.top, resolved.dash, resolved.lineWidth], [18, [], 1]);
});

test('the cluster page loads the alerts since the window start, page by page, at most 200', async () => {
  // 450 alerts, one a minute, newest first (ids grow with the time the alert began).
  const all = Array.from({ length: 450 }, (_, i) => alert({ id: `alr_${String(1000 - i).padStart(4, '0')}`, startedAt: T - i * 60_000 }));
  const asked: Array<[string | undefined, number]> = [];
  const pages: AlertPageLoader = async (before, limit) => {
    asked.push([before, limit]);
    const from = before ? all.findIndex((a) => a.id === before) + 1 : 0;
    const alerts = all.slice(from, from + limit);
    return { alerts, nextBefore: alerts.length === limit && from + limit < all.length ? alerts.at(-1)!.id : null };
  };

  // The last 30 minutes: the first page reaches past it — one request.
  let r = await loadAlertsSince(pages, T - 30 * 60_000);
  assert.deepEqual([r.alerts.length, r.capped, asked.length], [PAGE, false, 1]);
  assert.deepEqual(asked[0], [undefined, PAGE]);

  // The last 2 hours: pages until one reaches past it.
  asked.length = 0;
  r = await loadAlertsSince(pages, T - 120 * 60_000);
  assert.deepEqual([r.alerts.length, r.capped], [150, false]);
  assert.deepEqual(asked.map(([b]) => b), [undefined, 'alr_0951', 'alr_0901']);
  assert.ok(r.alerts.some((a) => a.startedAt < T - 120 * 60_000), 'the page that reaches past the start is kept whole');

  // A week: bounded at 200, and says there are more.
  asked.length = 0;
  r = await loadAlertsSince(pages, T - 7 * 86_400_000);
  assert.deepEqual([r.alerts.length, r.capped, asked.length], [200, true, 4]);
  assert.deepEqual(new Set(r.alerts.map((a) => a.id)).size, 200, 'no alert twice');

  // Fewer than a page, or none at all: one request, complete.
  const few: AlertPageLoader = async () => ({ alerts: all.slice(0, 3), nextBefore: null });
  assert.deepEqual((await loadAlertsSince(few, 0)).alerts.length, 3);
  const none: AlertPageLoader = async () => ({ alerts: [], nextBefore: null });
  assert.deepEqual(await loadAlertsSince(none, 0), { alerts: [], capped: false });
  // A smaller bound asks for no more than it needs.
  asked.length = 0;
  r = await loadAlertsSince(pages, 0, 70);
  assert.deepEqual([r.alerts.length, r.capped, asked.map(([, l]) => l)], [70, true, [PAGE, 20]]);
});
