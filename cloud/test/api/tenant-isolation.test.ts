import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import * as schema from '../../src/db/schema/index';
import { call, PASSWORD, uniqueEmail, type CallOptions } from './client';
import { agentCredential, loginFresh, seedOrg, type OrgFixture } from './seed';
import { seedAlerting, type AlertingFixture } from './seed-alerting';
import { createTestApp, type TestApp } from './support';

/**
 * Every route of the app, tried as: its own org's owner; the other org's owner (session) and
 * admin API token on this org's object ids; anonymous; and with agent credentials. Nothing of one
 * organization may be read or changed through the other. The table below must name every route
 * the app serves: a new route without an entry fails the first test.
 */
type Who = 'own' | 'foreign' | 'anonymous';

interface Entry {
  /** Public routes answer anonymous callers (with this status) instead of 401. */
  public?: number;
  /** The request against `o`'s objects; `who` lets public routes avoid acting on `o`'s data. */
  req: (o: OrgFixture, who: Who) => { path: string; body?: unknown };
  /** Status for `o`'s owner. */
  own: number;
  /** Status for the other org's owner session / admin token on `o`'s objects. */
  foreign: number | { session: number; token: number };
  /** Use a fresh login session (for routes that end it). */
  freshSession?: boolean;
}

const NOWHERE = 'qre_' + 'x'.repeat(43);
const NO_INVITATION = 'qri_' + 'x'.repeat(43);
const metricsQuery = (o: OrgFixture, now: number) =>
  `/api/v1/nodes/${o.nodeIds[0]}/metrics?names=queries_per_s,recv_queue&from=${now - 3_600_000}&to=${now}`;

let t: TestApp;
let A: OrgFixture;
let B: OrgFixture;
/** Each organization's alerting objects (channels, alert, deliveries, silence). */
const alerting = new Map<OrgFixture, AlertingFixture>();
const al = (o: OrgFixture) => alerting.get(o) as AlertingFixture;

const ROUTES: Record<string, Entry> = {
  'GET /api/v1/health': { public: 200, req: () => ({ path: '/api/v1/health' }), own: 200, foreign: 200 },
  'GET /api/v1/openapi.json': { public: 200, req: () => ({ path: '/api/v1/openapi.json' }), own: 200, foreign: 200 },
  'POST /api/v1/auth/signup': {
    // An existing email is a conflict for everyone; nothing is created.
    public: 409,
    req: (o) => ({ path: '/api/v1/auth/signup', body: { email: o.owner.email, password: PASSWORD, organization: 'Hijack' } }),
    own: 409,
    foreign: 409,
  },
  'POST /api/v1/auth/login': {
    public: 401,
    req: (o, who) => ({
      path: '/api/v1/auth/login',
      body: who === 'own' ? { email: o.owner.email, password: PASSWORD } : { email: uniqueEmail('nobody'), password: 'wrong password' },
    }),
    own: 200,
    foreign: 401,
  },
  'POST /api/v1/auth/logout': { req: () => ({ path: '/api/v1/auth/logout' }), own: 204, foreign: { session: 204, token: 403 }, freshSession: true },
  'GET /api/v1/auth/me': { req: () => ({ path: '/api/v1/auth/me' }), own: 200, foreign: 200 },
  'POST /api/v1/auth/switch-organization': {
    req: (o) => ({ path: '/api/v1/auth/switch-organization', body: { orgId: o.owner.orgId } }),
    own: 200,
    foreign: { session: 404, token: 403 },
  },
  'GET /api/v1/organization': { req: () => ({ path: '/api/v1/organization' }), own: 200, foreign: 200 },
  'GET /api/v1/organization/members': { req: () => ({ path: '/api/v1/organization/members' }), own: 200, foreign: 200 },
  'PATCH /api/v1/organization/members/{userId}': {
    req: (o) => ({ path: `/api/v1/organization/members/${o.roleMember.userId}`, body: { role: 'operator' } }),
    own: 200,
    foreign: 404,
  },
  'DELETE /api/v1/organization/members/{userId}': { req: (o) => ({ path: `/api/v1/organization/members/${o.leaver.userId}` }), own: 204, foreign: 404 },
  // Acts on the caller's own organization only; the foreign owner invites into their own.
  'POST /api/v1/organization/invitations': {
    req: () => ({ path: '/api/v1/organization/invitations', body: { email: uniqueEmail('invitee'), role: 'viewer' } }),
    own: 201,
    foreign: 201,
  },
  'GET /api/v1/organization/invitations': { req: () => ({ path: '/api/v1/organization/invitations' }), own: 200, foreign: 200 },
  'DELETE /api/v1/organization/invitations/{id}': { req: (o) => ({ path: `/api/v1/organization/invitations/${o.spareInvitationId}` }), own: 204, foreign: 404 },
  // The link is the credential: only `o`'s own run uses `o`'s token (as for enroll).
  'GET /api/v1/invitations/{token}': {
    public: 404,
    req: (o, who) => ({ path: `/api/v1/invitations/${who === 'own' ? o.invitationToken : NO_INVITATION}` }),
    own: 200,
    foreign: 404,
  },
  // `o`'s link names another email than its owner's: refused (403), nobody joins.
  'POST /api/v1/invitations/accept': {
    req: (o, who) => ({ path: '/api/v1/invitations/accept', body: { token: who === 'own' ? o.invitationToken : NO_INVITATION } }),
    own: 403,
    foreign: { session: 404, token: 403 },
  },
  'POST /api/v1/api-tokens': { req: () => ({ path: '/api/v1/api-tokens', body: { name: 'x' } }), own: 201, foreign: 201 },
  'GET /api/v1/api-tokens': { req: () => ({ path: '/api/v1/api-tokens' }), own: 200, foreign: 200 },
  'DELETE /api/v1/api-tokens/{id}': { req: (o) => ({ path: `/api/v1/api-tokens/${o.spareApiTokenId}` }), own: 204, foreign: 404 },
  'POST /api/v1/enrollment-tokens': { req: () => ({ path: '/api/v1/enrollment-tokens', body: {} }), own: 201, foreign: 201 },
  'GET /api/v1/enrollment-tokens': { req: () => ({ path: '/api/v1/enrollment-tokens' }), own: 200, foreign: 200 },
  'DELETE /api/v1/enrollment-tokens/{id}': {
    req: (o) => ({ path: `/api/v1/enrollment-tokens/${o.spareEnrollmentTokenId}` }),
    own: 204,
    foreign: 404,
  },
  'POST /api/v1/agents/enroll': {
    // Only `o`'s own run uses `o`'s token: the token, not the caller, decides the organization.
    public: 401,
    req: (o, who) => ({
      path: '/api/v1/agents/enroll',
      body: { token: who === 'own' ? o.enrollToken : NOWHERE, publicKey: PUBLIC_KEY, hostname: 'h', version: '1' },
    }),
    own: 201,
    foreign: 401,
  },
  'GET /api/v1/agents': { req: () => ({ path: '/api/v1/agents' }), own: 200, foreign: 200 },
  'POST /api/v1/agents/{id}/revoke': { req: (o) => ({ path: `/api/v1/agents/${o.spareAgentId}/revoke` }), own: 200, foreign: 404 },
  'GET /api/v1/clusters': { req: () => ({ path: '/api/v1/clusters' }), own: 200, foreign: 200 },
  'GET /api/v1/clusters/{id}': { req: (o) => ({ path: `/api/v1/clusters/${o.clusterId}` }), own: 200, foreign: 404 },
  'GET /api/v1/clusters/{id}/events': { req: (o) => ({ path: `/api/v1/clusters/${o.clusterId}/events?limit=2` }), own: 200, foreign: 404 },
  'GET /api/v1/nodes/{id}/metrics': { req: (o) => ({ path: metricsQuery(o, t.clock.now()) }), own: 200, foreign: 404 },
  'GET /api/v1/organization/policy': { req: () => ({ path: '/api/v1/organization/policy' }), own: 200, foreign: 200 },
  // Acts on the caller's own organization only; the foreign owner changes their own policy.
  'PUT /api/v1/organization/policy': { req: () => ({ path: '/api/v1/organization/policy', body: { bootstrapRequiresApproval: true } }), own: 200, foreign: 200 },
  'POST /api/v1/clusters/{id}/operations': {
    req: (o) => ({ path: `/api/v1/clusters/${o.clusterId}/operations`, body: { action: 'collect-diagnostics', params: {} } }),
    own: 201,
    foreign: 404,
  },
  'POST /api/v1/nodes/{id}/operations': {
    req: (o) => ({ path: `/api/v1/nodes/${o.nodeIds[0]}/operations`, body: { action: 'kill-query', params: { processId: 42 } } }),
    own: 201,
    foreign: 404,
  },
  'GET /api/v1/clusters/{id}/operations': { req: (o) => ({ path: `/api/v1/clusters/${o.clusterId}/operations?limit=5` }), own: 200, foreign: 404 },
  'GET /api/v1/operations/{id}': { req: (o) => ({ path: `/api/v1/operations/${o.operationId}` }), own: 200, foreign: 404 },
  'POST /api/v1/operations/{id}/cancel': { req: (o) => ({ path: `/api/v1/operations/${o.cancellableOperationId}/cancel` }), own: 200, foreign: 404 },
  // Asked for by the org's second admin: its owner is a different person, so may approve.
  'POST /api/v1/operations/{id}/approve': { req: (o) => ({ path: `/api/v1/operations/${o.approvableOperationId}/approve` }), own: 200, foreign: 404 },
  // The seeded cluster is split (Primary nodes): the plan is refused at once, nothing is sent.
  'POST /api/v1/clusters/{id}/bootstrap-plan': { req: (o) => ({ path: `/api/v1/clusters/${o.clusterId}/bootstrap-plan` }), own: 201, foreign: 404 },
  'GET /api/v1/bootstrap-plans/{id}': { req: (o) => ({ path: `/api/v1/bootstrap-plans/${o.planId}` }), own: 200, foreign: 404 },
  'GET /api/v1/audit': { req: () => ({ path: '/api/v1/audit?limit=20' }), own: 200, foreign: 200 },
  // Alerting: reads are viewer+, ack/silence operator+, rules/policy/channels admin+.
  'GET /api/v1/alerts': { req: () => ({ path: '/api/v1/alerts?state=all' }), own: 200, foreign: 200 },
  'GET /api/v1/alerts/{id}': { req: (o) => ({ path: `/api/v1/alerts/${al(o).alertId}` }), own: 200, foreign: 404 },
  'POST /api/v1/alerts/{id}/ack': { req: (o) => ({ path: `/api/v1/alerts/${al(o).alertId}/ack`, body: {} }), own: 200, foreign: 404 },
  'POST /api/v1/alerts/{id}/silence': {
    req: (o) => ({ path: `/api/v1/alerts/${al(o).alertId}/silence`, body: { durationMinutes: 30, reason: 'on it' } }),
    own: 201,
    foreign: 404,
  },
  'GET /api/v1/silences': { req: () => ({ path: '/api/v1/silences?include=all' }), own: 200, foreign: 200 },
  'POST /api/v1/silences': {
    req: (o) => ({ path: '/api/v1/silences', body: { kind: 'maintenance', clusterId: o.clusterId, nodeId: o.nodeIds[1], durationMinutes: 60, reason: 'backup' } }),
    own: 201,
    foreign: 404,
  },
  'DELETE /api/v1/silences/{id}': { req: (o) => ({ path: `/api/v1/silences/${al(o).silenceId}` }), own: 204, foreign: 404 },
  'GET /api/v1/alert-rules': { req: (o) => ({ path: `/api/v1/alert-rules?clusterId=${o.clusterId}` }), own: 200, foreign: 404 },
  'PUT /api/v1/alert-rules/{rule}': {
    req: (o) => ({ path: '/api/v1/alert-rules/recv_queue_high', body: { clusterId: o.clusterId, threshold: 500 } }),
    own: 200,
    foreign: 404,
  },
  'DELETE /api/v1/alert-rules/{rule}': { req: (o) => ({ path: `/api/v1/alert-rules/recv_queue_high?clusterId=${o.clusterId}` }), own: 204, foreign: 404 },
  'GET /api/v1/notification-policy': { req: () => ({ path: '/api/v1/notification-policy' }), own: 200, foreign: 200 },
  'PUT /api/v1/notification-policy': { req: () => ({ path: '/api/v1/notification-policy', body: { groupIntervalSeconds: 120 } }), own: 200, foreign: 200 },
  'GET /api/v1/notification-channels': { req: () => ({ path: '/api/v1/notification-channels' }), own: 200, foreign: 200 },
  'POST /api/v1/notification-channels': {
    req: () => ({ path: '/api/v1/notification-channels', body: { type: 'email', name: 'x', to: ['x@example.com'] } }),
    own: 201,
    foreign: 201,
  },
  'GET /api/v1/notification-channels/{id}': { req: (o) => ({ path: `/api/v1/notification-channels/${al(o).channelId}` }), own: 200, foreign: 404 },
  'PATCH /api/v1/notification-channels/{id}': {
    req: (o) => ({ path: `/api/v1/notification-channels/${al(o).channelId}`, body: { minSeverity: 'critical' } }),
    own: 200,
    foreign: 404,
  },
  'DELETE /api/v1/notification-channels/{id}': { req: (o) => ({ path: `/api/v1/notification-channels/${al(o).spareChannelId}` }), own: 204, foreign: 404 },
  'POST /api/v1/notification-channels/{id}/test': { req: (o) => ({ path: `/api/v1/notification-channels/${al(o).channelId}/test`, body: {} }), own: 200, foreign: 404 },
  'GET /api/v1/deliveries': { req: () => ({ path: '/api/v1/deliveries' }), own: 200, foreign: 200 },
  'GET /api/v1/deliveries/{id}': { req: (o) => ({ path: `/api/v1/deliveries/${al(o).deliveryIds[0]}` }), own: 200, foreign: 404 },
};
const PUBLIC_KEY = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=';

/** The app's routes as `METHOD /path/{param}`, from Hono's router and the OpenAPI document. */
async function appRoutes(): Promise<string[]> {
  const fromRouter = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  const doc = (await call(t, 'GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const fromDoc = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  return [...new Set([...fromRouter, ...fromDoc])].sort();
}

/** Every row the organization owns, across every table, as one comparable value. */
async function snapshot(o: OrgFixture): Promise<string> {
  const db = t.db.db;
  const org = o.owner.orgId;
  const memberIds = (await db.select().from(schema.memberships).where(eq(schema.memberships.orgId, org))).map((m) => m.userId);
  const tables = [
    schema.memberships, schema.apiTokens, schema.enrollmentTokens, schema.agents, schema.agentConnections,
    schema.clusters, schema.nodes, schema.nodeStatus, schema.clusterEvents, schema.metricSamples,
    schema.commands, schema.bootstrapPlans, schema.organizationPolicies, schema.agentSigningKeys, schema.auditLog,
    schema.alerts, schema.alertGroups, schema.alertRuleOverrides, schema.notificationPolicies, schema.silences,
    schema.notificationChannels, schema.notifications, schema.notificationAlerts, schema.notificationAttempts, schema.nodeConfigs,
    schema.invitations,
  ] as const;
  const rows: unknown[] = [await db.select().from(schema.organizations).where(eq(schema.organizations.id, org))];
  for (const table of tables) rows.push(await db.select().from(table).where(eq(table.orgId, org)));
  rows.push(await db.select().from(schema.users).where(inArray(schema.users.id, memberIds)));
  rows.push(await db.select().from(schema.sessions).where(inArray(schema.sessions.userId, memberIds)));
  // Row order without ORDER BY is the optimizer's choice: compare each table as a sorted set.
  return JSON.stringify(rows.map((table) => (table as unknown[]).map((r) => JSON.stringify(r)).sort()));
}

/** Identifiers of `o` that must never appear in an answer to the other organization. */
function identifiers(o: OrgFixture): string[] {
  return [
    o.owner.orgId, o.owner.userId, o.owner.email, o.adminTokenId, o.spareApiTokenId, o.spareEnrollmentTokenId,
    o.agentId, o.spareAgentId, o.clusterId, ...o.nodeIds, ...o.eventIds, `${o.name}-galera`, `${o.name}-agent`,
    o.admin2.userId, o.admin2.email, o.downClusterId, ...o.downNodeIds, o.operationId, o.cancellableOperationId,
    o.approvableOperationId, o.planId, `${o.name}-down`,
    al(o).channelId, al(o).spareChannelId, al(o).alertId, al(o).silenceId, ...al(o).deliveryIds, `oncall-${o.name}@example.com`,
    o.invitationId, o.invitationToken, o.inviteeEmail, o.spareInvitationId, o.roleMember.userId, o.roleMember.email, o.leaver.userId, o.leaver.email,
  ];
}

function send(key: string, entry: Entry, target: OrgFixture, who: Who, opts: CallOptions) {
  const method = key.split(' ')[0] as string;
  const { path, body } = entry.req(target, who);
  return call(t, method, path, { ...opts, body, ip: `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
}

before(async () => {
  t = await createTestApp('tenant');
  A = await seedOrg(t, 'alpha');
  B = await seedOrg(t, 'bravo');
  for (const o of [A, B]) alerting.set(o, await seedAlerting(t, o));
});
after(() => t.close());

test('every route the app serves has an entry in this table, and every entry is a route', async () => {
  const routes = await appRoutes();
  assert.deepEqual(routes.filter((r) => !(r in ROUTES)), [], 'routes without an entry in ROUTES: add them');
  assert.deepEqual(Object.keys(ROUTES).filter((k) => !routes.includes(k)), [], 'entries for routes the app does not serve');
});

for (const [target, other] of [['A', 'B'], ['B', 'A']] as const) {
  describe(`org ${target}'s objects`, () => {
    for (const [key, entry] of Object.entries(ROUTES)) {
      test(key, async () => {
        const o = target === 'A' ? A : B;
        const x = other === 'A' ? A : B;
        const forbiddenIds = identifiers(o);
        const unauth = entry.public ?? 401;

        // (c) anonymous, (d) agent credentials: an agent's connect credential is not an HTTP credential.
        const now = t.clock.now();
        const attempts: Array<[string, CallOptions]> = [
          ['anonymous', {}],
          ['own agent credential', { headers: { authorization: agentCredential(o, now) } }],
          ['foreign agent credential', { headers: { authorization: agentCredential(x, now) } }],
          ['random agent credential', { headers: { authorization: `QuorumAgent agent=agt_X, ts=${now}, nonce=${'ab'.repeat(12)}, sig=${'A'.repeat(86)}` } }],
          // A header that is not a valid credential is refused even next to a valid cookie.
          ['agent credential beside a cookie', { cookie: o.owner.cookie, headers: { authorization: agentCredential(o, now) } }],
        ];
        for (const [label, opts] of attempts) {
          const before = await snapshot(o);
          const res = await send(key, entry, o, 'anonymous', opts);
          assert.equal(res.status, unauth, `${label}: ${JSON.stringify(res.body)}`);
          if (unauth === 401 && !entry.public) assert.equal(res.body.error.code, 'unauthenticated', label);
          assert.equal(await snapshot(o), before, `${label} changed org ${target}'s data`);
        }

        // (b) the other organization, with a session and with an admin API token, on o's ids.
        const foreignSession = entry.freshSession ? await loginFresh(t, x) : x.owner.cookie;
        for (const [kind, opts] of [['session', { cookie: foreignSession }], ['token', { token: x.adminToken }]] as const) {
          const expected = typeof entry.foreign === 'number' ? entry.foreign : entry.foreign[kind];
          const closed = t.channel.closed.length;
          const before = await snapshot(o);
          const res = await send(key, entry, o, 'foreign', opts);
          assert.equal(res.status, expected, `other org (${kind}): ${JSON.stringify(res.body)}`);
          assert.equal(await snapshot(o), before, `other org (${kind}) changed org ${target}'s data`);
          assert.equal(t.channel.closed.length, closed, `other org (${kind}) closed a connection`);
          const text = JSON.stringify(res.body);
          for (const id of forbiddenIds) assert.ok(!text.includes(id), `other org (${kind}) saw ${id}: ${text.slice(0, 300)}`);
        }

        // (a) the organization's own owner.
        const ownSession = entry.freshSession ? await loginFresh(t, o) : o.owner.cookie;
        const res = await send(key, entry, o, 'own', { cookie: ownSession });
        assert.equal(res.status, entry.own, `own owner: ${JSON.stringify(res.body)}`);
      });
    }
  });
}

test('a revoked agent of one org had its own connection closed, and only that one', () => {
  assert.deepEqual(
    t.channel.closed.map((c) => [c.connectionId, c.code]).sort(),
    [[A.spareConnectionId, 4401], [B.spareConnectionId, 4401]].sort(),
  );
});

test("the other org's event id is not a usable cursor on one's own cluster", async () => {
  const res = await call(t, 'GET', `/api/v1/clusters/${B.clusterId}/events?before=${A.eventIds[0]}`, { cookie: B.owner.cookie });
  assert.equal(res.status, 400);
  assert.ok(!JSON.stringify(res.body).includes(A.clusterId));
});
