import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as nodeSign, randomUUID, type KeyObject } from 'node:crypto';
import {
  ACTION_NAMES,
  canonicalEnvelopeBytes,
  canonicalJson,
  derToP1363,
  keyIdFor,
  p1363ToDer,
  signCommand,
  verifyBytes,
  verifyCommand,
  type ActionName,
  type CommandEnvelope,
  type PinnedKey,
  type VerifyContext,
} from './index';

function keyPair(kind: 'ed25519' | 'ecdsa-p256') {
  const { publicKey, privateKey } =
    kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return { publicKey, privateKey, keyId: keyIdFor(kind, spki), algorithm: kind };
}

test('canonical JSON sorts keys at every level and refuses what has no canonical form', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } }), '{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
  assert.throws(() => canonicalJson({ a: Number.NaN }));
  assert.throws(() => canonicalJson([undefined]));
  assert.throws(() => canonicalJson(new Date()));
  assert.throws(() => canonicalJson(1n));
});

test('a KMS-style DER ECDSA signature converts to P1363 and verifies; the conversion round-trips', () => {
  const k = keyPair('ecdsa-p256');
  const bytes = Buffer.from('hello');
  for (let i = 0; i < 200; i++) {
    const data = Buffer.concat([bytes, Buffer.from([i])]);
    const der = nodeSign('sha256', data, k.privateKey); // node's default: DER, as KMS returns
    const p1363 = derToP1363(der);
    assert.equal(p1363.length, 64);
    assert.ok(verifyBytes(data, p1363, k.publicKey, 'ecdsa-p256'));
    assert.deepEqual(Buffer.from(p1363ToDer(p1363)), Buffer.from(der));
  }
  assert.throws(() => derToP1363(Buffer.from([0x31, 0x00])));
  assert.throws(() => derToP1363(Buffer.concat([nodeSign('sha256', bytes, k.privateKey), Buffer.from([0])])));
});

// ------------------------------------------------------------------------------------------------
// Property/fuzz suite: >= 100,000 generated bad envelopes, 0 accepted; every valid one accepted.

const ORG = 'org_01JDTESTORG0000000000000000';
const AGENT = 'agt_01JDTESTAGENT00000000000000';
const CLUSTER = 'clu_01JDTESTCLUSTER000000000000';
const NODE = 'nod_01JDTESTNODE000000000000000';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_PARAMS: Record<ActionName, () => Record<string, unknown>> = {
  'start-node': () => ({}),
  'stop-node': () => ({ allowLastSynced: false }),
  'restart-node': () => ({}),
  'rejoin-node': () => ({ forceSst: true }),
  'bootstrap-cluster': () => ({
    bootstrapNodeId: NODE,
    expectedStateUuid: '89347203-e9e0-11f1-afdd-7f33b5c4114b',
    positions: [{ nodeId: NODE, uuid: '89347203-e9e0-11f1-afdd-7f33b5c4114b', seqno: 14 }],
  }),
  'recover-position': () => ({}),
  'kill-query': () => ({ processId: 42, scope: 'connection' }),
  'set-global-variable': () => ({ name: 'max_connections', value: 500 }),
  'collect-diagnostics': () => ({ errorLogLines: 100 }),
  'update-signing-keys': () => ({ retire: ['old-key'] }),
  'cancel-command': () => ({ commandId: randomUUID() }),
};

const BAD_PARAMS: Record<ActionName, () => Record<string, unknown>> = {
  'start-node': () => ({ extraArgs: ['--wsrep-new-cluster'] }),
  'stop-node': () => ({ allowLastSynced: 'yes' }),
  'restart-node': () => ({ args: 1 }),
  'rejoin-node': () => ({ forceSst: 1 }),
  'bootstrap-cluster': () => ({ bootstrapNodeId: NODE, expectedStateUuid: 'not-a-uuid', positions: [] }),
  'recover-position': () => ({ path: '/etc/shadow' }),
  'kill-query': () => ({ processId: -1 }),
  'set-global-variable': () => ({ name: 'wsrep_cluster_address', value: 'gcomm://' }),
  'collect-diagnostics': () => ({ errorLogLines: 1e9 }),
  'update-signing-keys': () => ({ add: [{ keyId: 'x', algorithm: 'rsa', publicKey: 'AAAA' }] }),
  'cancel-command': () => ({ commandId: 'nope' }),
};

function setup() {
  const ed = keyPair('ed25519');
  const ec = keyPair('ecdsa-p256');
  const retired = keyPair('ed25519');
  const stranger = keyPair('ed25519');
  const pinned: PinnedKey[] = [
    { keyId: ed.keyId, algorithm: 'ed25519', publicKey: ed.publicKey },
    { keyId: ec.keyId, algorithm: 'ecdsa-p256', publicKey: ec.publicKey },
    { keyId: retired.keyId, algorithm: 'ed25519', publicKey: retired.publicKey, retiredAt: NOW - 1000 },
  ];
  const executed = new Set<string>();
  const ctx = (over: Partial<VerifyContext> = {}): VerifyContext => ({
    keys: pinned,
    orgId: ORG,
    agentId: AGENT,
    now: NOW,
    allowedActions: new Set(ACTION_NAMES.filter((a) => a !== 'set-global-variable')),
    readOnly: false,
    seen: (id) => executed.has(id),
    knowsTarget: (c, n) => c === CLUSTER && (n === undefined || n === NODE),
    ...over,
  });
  return { ed, ec, retired, stranger, ctx, executed };
}

type Signer = { privateKey: KeyObject; keyId: string };

function envelope(rand: () => number, over: Partial<CommandEnvelope> = {}): CommandEnvelope {
  const allowed = ACTION_NAMES.filter((a) => a !== 'set-global-variable');
  const action = allowed[Math.floor(rand() * allowed.length)] as ActionName;
  const issuedAt = NOW - Math.floor(rand() * 20_000);
  return {
    id: randomUUID(),
    orgId: ORG,
    agentId: AGENT,
    clusterId: CLUSTER,
    nodeId: NODE,
    action,
    params: VALID_PARAMS[action](),
    issuedBy: 'usr_01JDTESTUSER000000000000000',
    issuedAt,
    expiresAt: issuedAt + 60_000 + Math.floor(rand() * 120_000),
    keyId: '',
    ...over,
  };
}

const signWith = (e: CommandEnvelope, s: Signer) => signCommand({ ...e, keyId: e.keyId || s.keyId }, s.privateKey);

test('fuzz: 100,000+ bad envelopes are all rejected with the right reason; valid ones all accepted', () => {
  const { ed, ec, retired, stranger, ctx, executed } = setup();
  const rand = prng(20261126);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const signers: Signer[] = [ed, ec];
  const counts = new Map<string, { tried: number; accepted: number }>();
  const expectReject = (category: string, message: unknown, c: VerifyContext, reasons: readonly string[]) => {
    const entry = counts.get(category) ?? { tried: 0, accepted: 0 };
    entry.tried++;
    counts.set(category, entry);
    const v = verifyCommand(message, c);
    if (v.ok) {
      entry.accepted++;
      return;
    }
    assert.ok(reasons.includes(v.reason), `${category}: got ${v.reason}, expected one of ${reasons.join('/')}`);
  };

  const TAMPERS: Array<[string, (e: CommandEnvelope) => unknown]> = [
    ['id', (e) => ({ ...e, id: randomUUID() })],
    ['orgId', (e) => ({ ...e, orgId: 'org_01JDOTHERORG000000000000000' })],
    ['agentId', (e) => ({ ...e, agentId: 'agt_01JDOTHERAGENT0000000000000' })],
    ['clusterId', (e) => ({ ...e, clusterId: 'clu_01JDOTHER00000000000000000' })],
    ['nodeId', (e) => ({ ...e, nodeId: 'nod_01JDOTHER00000000000000000' })],
    ['nodeId-removed', (e) => { const { nodeId: _n, ...rest } = e; return rest; }],
    ['action', (e) => ({ ...e, action: e.action === 'start-node' ? 'stop-node' : 'start-node' })],
    ['params-added', (e) => ({ ...e, params: { ...e.params, extra: 1 } })],
    ['params-changed', (e) => ({ ...e, params: { ...e.params, allowLastSynced: true } })],
    ['issuedBy', (e) => ({ ...e, issuedBy: 'usr_01JDMALLORY00000000000000' })],
    ['approvedBy-added', (e) => ({ ...e, approvedBy: 'usr_01JDMALLORY00000000000000' })],
    ['issuedAt', (e) => ({ ...e, issuedAt: e.issuedAt + 1 })],
    ['expiresAt', (e) => ({ ...e, expiresAt: e.expiresAt + 1000 })],
    ['keyId', (e) => ({ ...e, keyId: e.keyId === ed.keyId ? ec.keyId : ed.keyId })],
  ];

  const N = 7_200;
  for (let i = 0; i < N; i++) {
    const s = pick(signers);
    const good = signWith(envelope(rand), s);
    // Tampered after signing, one field at a time (and the signature itself).
    const [field, tamper] = pick(TAMPERS);
    expectReject(`tampered:${field}`, { ...good, envelope: tamper(good.envelope) }, ctx(), ['bad_signature', 'unknown_key', 'malformed']);
    const sig = Buffer.from(good.signature, 'base64url');
    sig[Math.floor(rand() * sig.length)]! ^= 1 << Math.floor(rand() * 8);
    expectReject('tampered:signature', { ...good, signature: sig.toString('base64url') }, ctx(), ['bad_signature']);
    // Forged: a stranger's key claiming a pinned key id.
    expectReject('forged', signWith(envelope(rand, { keyId: s.keyId }), stranger), ctx(), ['bad_signature']);
    expectReject('unknown-key', signWith(envelope(rand), stranger), ctx(), ['unknown_key']);
    expectReject('retired-key', signWith(envelope(rand), retired), ctx(), ['retired_key']);
    expectReject('other-org', signWith(envelope(rand, { orgId: 'org_01JDOTHERORG000000000000000' }), s), ctx(), ['wrong_org']);
    expectReject('other-agent', signWith(envelope(rand, { agentId: 'agt_01JDOTHERAGENT0000000000000' }), s), ctx(), ['wrong_agent']);
    const expiredAt = NOW - 1 - Math.floor(rand() * 3_600_000);
    expectReject('expired', signWith(envelope(rand, { issuedAt: expiredAt - 60_000, expiresAt: expiredAt }), s), ctx(), ['expired']);
    const future = NOW + 31_000 + Math.floor(rand() * 3_600_000);
    expectReject('future', signWith(envelope(rand, { issuedAt: future, expiresAt: future + 60_000 }), s), ctx(), ['from_future']);
    expectReject('too-long-lived', signWith(envelope(rand, { issuedAt: NOW, expiresAt: NOW + 300_001 + Math.floor(rand() * 1e7) }), s), ctx(), ['lifetime_too_long']);
    expectReject('not-allow-listed', signWith(envelope(rand, { action: 'set-global-variable', params: VALID_PARAMS['set-global-variable']() }), s), ctx(), ['not_allowed']);
    const action = pick(ACTION_NAMES.filter((a) => a !== 'set-global-variable' && a !== 'restart-node'));
    expectReject('bad-params', signWith(envelope(rand, { action, params: BAD_PARAMS[action]() }), s), ctx(), ['bad_params']);
    expectReject('read-only', signWith(envelope(rand, { action: 'restart-node', params: {} }), s), ctx({ readOnly: true }), ['read_only']);
    expectReject('unknown-target', signWith(envelope(rand, { clusterId: 'clu_01JDNOTMINE0000000000000000' }), s), ctx(), ['unknown_target']);
    // Replayed: a valid command, executed once, then sent again.
    const replay = signWith(envelope(rand), s);
    const first = verifyCommand(replay, ctx());
    assert.ok(first.ok, `valid command rejected: ${!first.ok && first.reason}: ${!first.ok && first.message}`);
    executed.add(replay.envelope.id);
    expectReject('replayed', replay, ctx(), ['replayed']);
    // Malformed: junk, missing or extra fields.
    const junk = [null, 42, 'command', { type: 'command' }, { ...good, envelope: { ...good.envelope, extra: true } }, { ...good, envelope: { ...good.envelope, id: 'x' } }, { ...good, signature: '' }];
    expectReject('malformed', pick(junk), ctx(), ['malformed', 'bad_signature']);
  }
  // Every valid envelope (each action, both algorithms) is accepted.
  let valid = 0;
  for (let i = 0; i < 2_000; i++) {
    const v = verifyCommand(signWith(envelope(rand), pick(signers)), ctx());
    assert.ok(v.ok, !v.ok ? `${v.reason}: ${v.message}` : '');
    valid++;
  }
  const total = [...counts.values()].reduce((n, c) => n + c.tried, 0);
  const accepted = [...counts.values()].reduce((n, c) => n + c.accepted, 0);
  console.log(`bad envelopes: ${total} tried, ${accepted} accepted; valid envelopes: ${valid + N} accepted`);
  for (const [k, c] of [...counts].sort()) console.log(`  ${k.padEnd(26)} ${String(c.tried).padStart(6)} tried, ${c.accepted} accepted`);
  assert.ok(total >= 100_000, `only ${total} bad envelopes generated`);
  assert.equal(accepted, 0);
});

test('the signed bytes are the canonical bytes whatever the field order', () => {
  const { ed } = setup();
  const e = envelope(prng(1), { keyId: ed.keyId });
  const reordered = Object.fromEntries(Object.entries(e).reverse()) as CommandEnvelope;
  assert.deepEqual(canonicalEnvelopeBytes(e), canonicalEnvelopeBytes(reordered));
  assert.ok(Buffer.from(canonicalEnvelopeBytes(e)).toString().startsWith('quorum-command/v1\n{"action":'));
});
