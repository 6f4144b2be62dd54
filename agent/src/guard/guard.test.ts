import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_PRIMARY_CONF_ID, unreachableStatus, ZERO_UUID, type NodeStatus } from '@quorum/protocol';
import { syncedStatus } from '../../test/helpers/fixtures';
import { checkAgainstIssued, checkBootstrapPositions, refuseBootstrapWhileRunning, refuseLastSyncedStop, type PolledNode } from './guard';

const UUID = '82e53bb8-e9db-11f1-a4b8-1700583c31d3';
const OTHER = 'b70024cf-e9db-11f1-aca4-43f8d2e292eb';
const synced = (extra: Partial<NodeStatus> = {}) => syncedStatus(['n1', 'n2', 'n3'], { clusterStateUuid: UUID, ...extra });
const down = () => unreachableStatus('connect ECONNREFUSED');
const polls = (...statuses: NodeStatus[]): PolledNode[] => statuses.map((status, i) => ({ node: `n${i + 1}`, status }));
const nothingRecorded = { highest: () => undefined };

describe('guard: bootstrap while running', () => {
  it('refuses while any reachable node is Primary, with every node as evidence', () => {
    const r = refuseBootstrapWhileRunning(polls(down(), synced({ clusterSize: 1 }), down()));
    assert.equal(r?.code, 'primary_exists');
    assert.match(r.message, /^n2 is in a Primary component/);
    assert.deepEqual(Object.keys(r.evidence!.nodes as object), ['n1', 'n2', 'n3']);
  });
  it('refuses while a node runs outside a Primary component (it must be stopped first)', () => {
    const hung = synced({ clusterStatus: 'non-Primary', clusterConfId: NO_PRIMARY_CONF_ID, localStateComment: 'Initialized' });
    assert.equal(refuseBootstrapWhileRunning(polls(down(), hung, down()))?.code, 'wrong_node_state');
  });
  it('allows when every node is down', () => {
    assert.equal(refuseBootstrapWhileRunning(polls(down(), down(), down())), undefined);
  });
});

describe('guard: bootstrap positions', () => {
  const input = (positions: { node: string; uuid: string; seqno: number }[], extra: Partial<Parameters<typeof checkBootstrapPositions>[0]> = {}) =>
    checkBootstrapPositions({ cluster: 'c1', expectedStateUuid: UUID, bootstrapNode: 'n1', positions, recorded: nothingRecorded, ...extra });

  it('accepts one history with the chosen node the most advanced', () => {
    assert.equal(input([{ node: 'n1', uuid: UUID, seqno: 54 }, { node: 'n2', uuid: UUID, seqno: 54 }, { node: 'n3', uuid: UUID, seqno: 50 }]), undefined);
  });
  it('refuses a zero UUID, on a node or as the expected one', () => {
    assert.equal(input([{ node: 'n1', uuid: UUID, seqno: 5 }, { node: 'n2', uuid: ZERO_UUID, seqno: -1 }])?.code, 'zero_uuid');
    assert.equal(input([{ node: 'n1', uuid: ZERO_UUID, seqno: 5 }], { expectedStateUuid: ZERO_UUID })?.code, 'zero_uuid');
  });
  it('refuses nodes on different histories', () => {
    const r = input([{ node: 'n1', uuid: UUID, seqno: 5 }, { node: 'n2', uuid: OTHER, seqno: 9 }]);
    assert.equal(r?.code, 'uuid_mismatch');
    assert.match(r.message, /n2 has b70024cf/);
  });
  it('refuses a position older than the one recorded for that node and UUID', () => {
    const recorded = { highest: (_c: string, node: string, uuid: string) => (node === 'n2' && uuid === UUID ? 60 : undefined) };
    const r = input([{ node: 'n1', uuid: UUID, seqno: 54 }, { node: 'n2', uuid: UUID, seqno: 54 }], { recorded });
    assert.equal(r?.code, 'position_regressed');
    assert.deepEqual(r.evidence?.recorded, { node: 'n2', seqno: 60 });
  });
  it('refuses a bootstrap node that is behind another node', () => {
    const r = input([{ node: 'n1', uuid: UUID, seqno: 50 }, { node: 'n2', uuid: UUID, seqno: 54 }]);
    assert.equal(r?.code, 'position_regressed');
    assert.match(r.message, /n2 \(seqno 54\) is ahead of n1/);
  });
  it('refuses a bootstrap node without a position', () => {
    assert.equal(input([{ node: 'n2', uuid: UUID, seqno: 3 }])?.code, 'wrong_node_state');
  });
  it('compares what it found with what the command was issued for', () => {
    const issued = [{ node: 'n1', uuid: UUID, seqno: 54 }];
    assert.equal(checkAgainstIssued([{ node: 'n1', uuid: UUID, seqno: 54 }], issued), undefined);
    assert.equal(checkAgainstIssued([{ node: 'n1', uuid: UUID, seqno: 55 }], issued), undefined);
    assert.equal(checkAgainstIssued([{ node: 'n1', uuid: UUID, seqno: 53 }], issued)?.code, 'position_regressed');
    assert.equal(checkAgainstIssued([{ node: 'n1', uuid: OTHER, seqno: 54 }], issued)?.code, 'uuid_mismatch');
  });
});

describe('guard: last Synced node', () => {
  const desynced = () => synced({ localState: 2, localStateComment: 'Donor/Desynced' });
  it('refuses stopping the only Synced node of the Primary component', () => {
    const r = refuseLastSyncedStop({ node: 'n1', polls: polls(synced(), desynced(), desynced()), allowLastSynced: false });
    assert.equal(r?.code, 'last_synced_node');
    assert.equal(r.evidence?.unseenMembers, 0);
  });
  it('allows it with allowLastSynced, or when another node of the component is Synced', () => {
    assert.equal(refuseLastSyncedStop({ node: 'n1', polls: polls(synced(), desynced(), desynced()), allowLastSynced: true }), undefined);
    assert.equal(refuseLastSyncedStop({ node: 'n1', polls: polls(synced(), synced(), down()), allowLastSynced: false }), undefined);
  });
  it('does not count a Synced node of ANOTHER Primary component (a split brain)', () => {
    const rogue = synced({ clusterConfId: '1', clusterSize: 1 });
    assert.equal(refuseLastSyncedStop({ node: 'n1', polls: polls(synced({ clusterSize: 2 }), down(), rogue), allowLastSynced: false })?.code, 'last_synced_node');
  });
  it('counts members it does not watch as not Synced', () => {
    const r = refuseLastSyncedStop({ node: 'n1', polls: polls(synced()), allowLastSynced: false });
    assert.equal(r?.code, 'last_synced_node');
    assert.equal(r.evidence?.unseenMembers, 2);
  });
  it('never refuses stopping a node that is not a Synced Primary member', () => {
    assert.equal(refuseLastSyncedStop({ node: 'n1', polls: polls(desynced(), down()), allowLastSynced: false }), undefined);
    assert.equal(refuseLastSyncedStop({ node: 'n1', polls: polls(down(), down()), allowLastSynced: false }), undefined);
  });
});
