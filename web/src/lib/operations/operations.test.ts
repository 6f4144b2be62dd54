import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../api/client';
import type { BootstrapPlan, Operation } from '../api/types';
import { auditFilterOptions, auditSummary, filterAudit } from '../audit';
import { eventMarkers } from '../galera/events';
import { bootstrapSteps, evidenceLook, gatheringProgress } from './bootstrap';
import { clusterActions, isDestructive, mayRequest, nodeActions } from './catalog';
import { killableRow, parseDiagnostics, parseKeyValues, parseTable } from './diagnostics';
import { nextStepFor } from './next-step';
import { describeOperation, type PlanNode } from './plan';
import { evidenceRows, explainRefusal, explainRequestError } from './refusal';
import { operationEvents, operationIdOf, resultRows, resultTables } from './results';
import { isTerminal, OPERATION_STATE, progressOf, rollingSteps } from './states';

const node = (name: string, state = 'Synced', clusterStatus: string | null = 'Primary', fresh = true): PlanNode => ({
  id: `nod_${name}`,
  name,
  state,
  clusterStatus,
  fresh,
  reachable: state !== 'unreachable',
});
const three = [node('node1'), node('node2'), node('node3')];

test('a viewer is offered nothing; operators the routine actions; admins also recover and bootstrap', () => {
  assert.deepEqual(nodeActions('viewer'), []);
  assert.deepEqual(clusterActions('viewer'), []);
  assert.deepEqual(nodeActions('operator'), ['restart-node', 'stop-node', 'start-node', 'rejoin-node', 'kill-query']);
  assert.deepEqual(clusterActions('operator'), ['rolling-restart', 'collect-diagnostics']);
  assert.ok(nodeActions('admin').includes('recover-position'));
  assert.ok(clusterActions('owner').includes('bootstrap-cluster'));
  assert.equal(mayRequest(undefined, 'restart-node'), false);
});

test('destructive operations need the name typed: stop, rolling restart, bootstrap, and a rejoin only with a forced SST', () => {
  assert.equal(isDestructive('stop-node'), true);
  assert.equal(isDestructive('rolling-restart'), true);
  assert.equal(isDestructive('bootstrap-cluster'), true);
  assert.equal(isDestructive('restart-node'), false);
  assert.equal(isDestructive('rejoin-node', { forceSst: false }), false);
  assert.equal(isDestructive('rejoin-node', { forceSst: true }), true);
});

test('the plan says what will happen, in order, and which checks hold', () => {
  const rolling = describeOperation({ action: 'rolling-restart', clusterName: 'shop', nodes: [node('node2'), node('node1'), node('node3')] });
  assert.match(rolling.summary, /one at a time \(node1, node2 and node3\)/);
  assert.deepEqual(rolling.steps.map((s) => s.split(',')[0]), ['Restart node1', 'Restart node2', 'Restart node3']);
  assert.equal(rolling.guards[0]?.ok, true);

  const notWhole = describeOperation({ action: 'rolling-restart', clusterName: 'shop', nodes: [node('node1'), node('node2', 'Donor/Desynced')] });
  assert.equal(notWhole.guards[0]?.ok, false);
  assert.match(notWhole.guards[0]!.text, /node2 is not Synced/);

  const lastOne = [node('node1', 'unreachable', null), node('node2', 'unreachable', null), node('node3')];
  const stop = describeOperation({ action: 'stop-node', clusterName: 'shop', nodes: lastOne, node: lastOne[2]! });
  assert.equal(stop.guards[0]?.ok, false);
  assert.match(stop.guards[0]!.text, /node3 is the last Synced node of the Primary component — to stop it takes the cluster down/);

  const fine = describeOperation({ action: 'restart-node', clusterName: 'shop', nodes: three, node: three[1]! });
  assert.match(fine.guards[0]!.text, /node1 and node3 stay Synced/);

  const sst = describeOperation({ action: 'rejoin-node', clusterName: 'shop', nodes: three, node: three[2]!, params: { forceSst: true } });
  assert.ok(sst.steps.some((s) => /grastate\.dat/.test(s)));
  assert.match(sst.warning ?? '', /full SST/);

  const start = describeOperation({ action: 'start-node', clusterName: 'shop', nodes: three, node: three[0]! });
  assert.equal(start.guards[0]?.ok, false, 'a running node cannot be started');
});

test('refusals in plain words with their evidence', () => {
  const e = new ApiError(409, 'precondition_failed', 'node3 is the last Synced node…', 'req_1', {
    refusal: { code: 'last_synced_node', message: 'node3 is the last Synced node of the Primary component', evidence: { syncedNodes: ['node3'] } },
  });
  const x = explainRequestError(e, { action: 'stop-node', role: 'operator' });
  assert.equal(x.title, 'It would take the cluster down');
  assert.deepEqual(x.evidence, [{ label: 'syncedNodes', value: 'node3' }]);
  const forbidden = explainRequestError(new ApiError(403, 'forbidden', 'nope'), { action: 'bootstrap-cluster', role: 'operator' });
  assert.match(forbidden.message, /admins and above; you are an operator/);
  assert.equal(explainRefusal({ code: 'uuid_mismatch', message: 'm' }).title, 'The nodes disagree on the history: a person must choose');
  const nested = evidenceRows({ nodes: { node1: { reachable: true, clusterStatus: 'Primary' }, node2: { reachable: false } } });
  assert.deepEqual(nested, [
    { label: 'nodes node1', value: 'reachable: true, clusterStatus: Primary' },
    { label: 'nodes node2', value: 'reachable: false' },
  ]);
});

test('diagnostics: process list as a table, grastate as fields, server threads not killable', () => {
  const result = {
    limitBytes: 102400,
    truncated: false,
    nodes: {
      node2: { errorLog: 'line 1\nline 2', grastate: '# GALERA saved state\nversion: 2.1\nuuid: 6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60\nseqno: -1\nsafe_to_bootstrap: 0\n', processlist: 'Id\tUser\tInfo\n1\tsystem user\tNULL\n42\tapp\tSELECT SLEEP(100)', wsrepStatus: 'Variable_name\tValue\nwsrep_cluster_size\t3', errors: {} },
      node1: { errorLog: null, errors: { errorLog: 'errorLog is not configured for node1' } },
    },
  };
  const d = parseDiagnostics(result)!;
  assert.deepEqual(d.nodes.map((n) => n.node), ['node1', 'node2']);
  const n2 = d.nodes[1]!;
  assert.deepEqual(n2.grastate?.find(([k]) => k === 'seqno'), ['seqno', '-1']);
  assert.deepEqual(n2.processlist?.columns, ['Id', 'User', 'Info']);
  assert.equal(killableRow(n2.processlist!, n2.processlist!.rows[0]!), null, 'a Galera applier is never killed');
  assert.deepEqual(killableRow(n2.processlist!, n2.processlist!.rows[1]!), { processId: 42, user: 'app' });
  assert.deepEqual(n2.wsrepStatus, [['wsrep_cluster_size', '3']]);
  assert.deepEqual(d.nodes[0]!.errors, [{ piece: 'errorLog', message: 'errorLog is not configured for node1' }]);
  assert.equal(parseDiagnostics(null), null);
  assert.deepEqual(parseTable(''), { columns: [], rows: [] });
  assert.deepEqual(parseKeyValues('a: 1\n# c\nb:2'), [['a', '1'], ['b', '2']]);
});

const op = (over: Partial<Operation>): Operation => ({
  id: 'op1',
  kind: 'command',
  clusterId: 'clu_1',
  nodeId: null,
  agentId: 'agt_1',
  action: 'rolling-restart',
  params: {},
  state: 'running',
  progress: null,
  result: null,
  error: null,
  reason: null,
  refusal: null,
  issuedBy: 'usr_1',
  approvedBy: null,
  parentId: null,
  createdAt: 1000,
  sentAt: null,
  startedAt: null,
  finishedAt: null,
  expiresAt: 301000,
  deliveries: 0,
  keyId: null,
  steps: null,
  waitingFor: null,
  ...over,
});

test('every operation state has a word; a rolling restart lists started steps, then the nodes to come', () => {
  for (const look of Object.values(OPERATION_STATE)) assert.ok(look.word && look.meaning);
  assert.equal(isTerminal('succeeded'), true);
  assert.equal(isTerminal('awaiting_approval'), false);
  const steps = rollingSteps(op({ steps: [{ nodeId: 'n1', nodeName: 'node1', commandId: 'c1', outcome: 'done', at: 1 }, { nodeId: 'n2', nodeName: 'node2', commandId: 'c2', outcome: 'running', at: 2 }] }), [
    { id: 'n3', name: 'node3' },
    { id: 'n2', name: 'node2' },
    { id: 'n1', name: 'node1' },
  ]);
  assert.deepEqual(steps.map((s) => `${s.nodeName}:${s.outcome}`), ['node1:done', 'node2:running', 'node3:pending']);
  assert.deepEqual(progressOf(op({ progress: { step: 'stop', message: 'stopping node2', percent: 10 } })), { step: 'stop', message: 'stopping node2', percent: 10 });
  assert.equal(progressOf(op({ progress: null })), null);
});

test('operations join the timeline and the chart markers; a step of a rolling restart does not', () => {
  const names = new Map([['nod_3', 'node3']]);
  const events = operationEvents(
    [
      op({ state: 'succeeded', finishedAt: 5000 }),
      op({ id: 'op2', action: 'stop-node', nodeId: 'nod_3', state: 'rejected', finishedAt: 6000, refusal: { code: 'last_synced_node', message: 'node3 is the last Synced node' } }),
      op({ id: 'child', action: 'restart-node', parentId: 'op1' }),
    ],
    names,
  );
  assert.deepEqual(events.map((e) => e.id), ['op1:asked', 'op1:finished', 'op2:asked', 'op2:finished']);
  assert.equal(events[1]!.message, 'Rolling restart: succeeded');
  assert.equal(events[3]!.message, 'Stop node of node3: refused — node3 is the last Synced node');
  assert.equal(operationIdOf(events[3]!), 'op2');
  assert.deepEqual(eventMarkers(events).map((m) => m.tone), ['ok', 'ok', 'ok', 'bad']);
});

test('results read as words: recovered positions and their source', () => {
  const rows = resultRows({ node: 'node2', uuid: '6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60', seqno: 41, safeToBootstrap: false, source: 'wsrep-recover', running: false });
  assert.deepEqual(rows.find((r) => r.label === 'Source'), { label: 'Source', value: 'mariadbd --wsrep-recover' });
  assert.deepEqual(rows.find((r) => r.label === 'seqno'), { label: 'seqno', value: '41' });
  assert.deepEqual(resultRows(null), []);
});

const plan = (over: Partial<BootstrapPlan>): BootstrapPlan => ({
  id: 'bpl_1',
  clusterId: 'clu_1',
  state: 'gathering',
  evidence: [],
  decision: null,
  confirm: null,
  createdBy: 'usr_1',
  createdAt: 0,
  deadlineAt: 1,
  decidedAt: null,
  ...over,
});
const ev = (nodeName: string, seqno: number | null, over: Record<string, unknown> = {}) => ({
  nodeId: `nod_${nodeName}`,
  nodeName,
  reachable: seqno !== null,
  running: false,
  clusterStatus: null,
  uuid: seqno !== null ? '6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60' : null,
  seqno,
  safeToBootstrap: false,
  source: seqno !== null ? ('wsrep-recover' as const) : null,
  commandId: null,
  error: null,
  ...over,
});

test('a bootstrap plan: each node answered, asked or waiting; the chosen node first, the others by seqno', () => {
  const gathering = plan({ evidence: [ev('node1', 40), ev('node2', null, { commandId: 'c2' }), ev('node3', null)] });
  assert.deepEqual(gatheringProgress(gathering), { answered: 1, total: 3 });
  assert.deepEqual(gathering.evidence.map((e) => evidenceLook(e).word), ['Answered', 'Asking…', 'Waiting its turn']);
  const ready = plan({ state: 'ready', evidence: [ev('node1', 40), ev('node2', 60), ev('node3', 59)], decision: { verdict: 'ready', reason: 'node2 has the highest recovered seqno', chosenNodeId: 'nod_node2', chosenNodeName: 'node2' } });
  const steps = bootstrapSteps(ready);
  assert.match(steps[0]!, /^Start node2 with --wsrep-new-cluster/);
  assert.deepEqual(steps.slice(1).map((s) => s.split(' ')[1]), ['node3', 'node1']);
});

test('the recommended step gets the operation that does it', () => {
  const name = (id: string) => id.replace('nod_', '');
  assert.deepEqual(nextStepFor({ code: 'no_primary', nodeIds: [] }, name), { kind: 'bootstrap-plan', label: 'Plan a bootstrap…' });
  assert.deepEqual(nextStepFor({ code: 'split_brain', nodeIds: ['nod_node3'] }, name), {
    kind: 'operation',
    label: 'Rejoin node3 with a full SST…',
    action: 'rejoin-node',
    nodeId: 'nod_node3',
    params: { forceSst: true },
  });
  assert.equal(nextStepFor({ code: 'empty_cluster_address', nodeIds: ['nod_node3'] }, name), undefined);
  assert.equal(nextStepFor(undefined, name), undefined);
});

test('the audit log: actions in words, filtered, each entry once, newest first', () => {
  const entry = (id: string, action: string, at: number, details: unknown = null) => ({ id, action, at, actor: { kind: 'user' as const, id: 'usr_1' }, target: { type: 'command', id: 'x' }, details, requestId: null });
  const all = [entry('aud_1', 'session.login', 1), entry('aud_3', 'command.create', 3, { action: 'rolling-restart', state: 'running' }), entry('aud_2', 'command.create', 2), entry('aud_3', 'command.create', 3)];
  assert.deepEqual(filterAudit(all, 'all').map((e) => e.id), ['aud_3', 'aud_2', 'aud_1']);
  assert.deepEqual(filterAudit(all, 'session.login').map((e) => e.id), ['aud_1']);
  assert.ok(auditFilterOptions([entry('aud_9', 'something.new', 1)]).includes('something.new'));
  assert.equal(auditSummary(all[1]!), 'rolling-restart · running');
  assert.equal(auditSummary({ action: 'organization.policy_update', details: { after: { bootstrapRequiresApproval: true } } }), 'bootstrap requires approval: on');
});

test("a bootstrap's lists of positions and started nodes are tables", () => {
  const tables = resultTables({ bootstrapNode: 'node1', started: [{ node: 'node1', startPosition: 'u:12', state: 'Primary Synced size=1' }], positions: [{ node: 'node1', seqno: 12, source: 'wsrep-recover' }] });
  assert.deepEqual(tables.map((t) => t.title), ['Nodes started, in order', 'Positions it started from']);
  assert.deepEqual(tables[1]!.columns, ['Node', 'seqno', 'Source']);
  assert.deepEqual(tables[1]!.rows, [['node1', '12', 'mariadbd --wsrep-recover']]);
  assert.deepEqual(resultRows({ bootstrapNode: 'node1', started: [{ node: 'node1' }] }), [{ label: 'Bootstrapped from', value: 'node1' }]);
});
