import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  alerts,
  auditLog,
  bootstrapPlans,
  commands,
  invitations,
  notificationAlerts,
  notificationAttempts,
  notifications,
  organizations,
  rateLimits,
  sessions,
  users,
} from '../../src/db/schema/index';
import { newId } from '../../src/ids';
import { applyRetention, DEFAULT_AUDIT_RETENTION_MS, DEFAULT_HISTORY_RETENTION_MS } from '../../src/jobs/retention.job';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { directDeps } from '../gateway/support/direct-deps';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('history_retention');
});
after(async () => {
  await db?.drop();
});

const DAY = 24 * 60 * 60 * 1000;

/** One organization's history: rows past retention that must go, and rows that must stay. */
async function seedHistory(now: number) {
  const orgId = newId('org', now);
  await db.db.insert(organizations).values({ id: orgId, name: `Org ${orgId.slice(-6)}` });
  const clusterId = newId('clu', now);
  const old = new Date(now - DEFAULT_HISTORY_RETENTION_MS - DAY);
  const recent = new Date(now - DAY);

  const command = (over: Partial<typeof commands.$inferInsert>): typeof commands.$inferInsert => ({
    id: randomUUID(),
    orgId,
    clusterId,
    action: 'restart-node',
    params: {},
    state: 'succeeded',
    issuedBy: 'usr_test',
    createdAt: old,
    expiresAt: old,
    ...over,
  });
  const oldRolling = command({ action: 'rolling-restart' });
  const oldStep = command({ parentId: oldRolling.id });
  const stuckOld = command({ state: 'running' }); // in progress, however old: kept
  const recentDone = command({ createdAt: recent, expiresAt: recent });
  await db.db.insert(commands).values([oldRolling, oldStep, stuckOld, recentDone]);

  const plan = (createdAt: Date) => ({ id: newId('bpl', now), orgId, clusterId, state: 'ready' as const, evidence: {}, createdBy: 'usr_test', createdAt, deadlineAt: createdAt });
  const oldPlan = plan(old);
  const recentPlan = plan(recent);
  await db.db.insert(bootstrapPlans).values([oldPlan, recentPlan]);
  const planStep = command({ action: 'recover-position', parentId: oldPlan.id });
  await db.db.insert(commands).values(planStep);

  const alert = (state: 'firing' | 'resolved', resolvedAt: Date | null) => ({
    id: newId('alr', now),
    orgId,
    clusterId,
    rule: 'split_brain',
    fingerprint: `split_brain:${randomUUID()}`,
    state,
    severity: 'critical' as const,
    summary: 'split brain',
    details: {},
    startedAt: old,
    resolvedAt,
    updatedAt: old,
  });
  const oldResolved = alert('resolved', old);
  const oldFiring = alert('firing', null); // still firing after half a year: kept
  const recentResolved = alert('resolved', recent);
  await db.db.insert(alerts).values([oldResolved, oldFiring, recentResolved]);

  const notification = (state: 'delivered' | 'pending', createdAt: Date) => ({
    id: newId('dlv', now),
    orgId,
    channelId: newId('chn', now),
    clusterId,
    kind: 'alerts' as const,
    status: 'firing' as const,
    severity: 'critical' as const,
    payload: {},
    state,
    nextAttemptAt: createdAt,
    createdAt,
  });
  const oldSent = notification('delivered', old);
  const oldPending = notification('pending', old); // never delivered yet: kept
  const recentSent = notification('delivered', recent);
  await db.db.insert(notifications).values([oldSent, oldPending, recentSent]);
  await db.db.insert(notificationAttempts).values([
    { orgId, notificationId: oldSent.id, attempt: 1, at: old, outcome: 'delivered', durationMs: 12 },
    { orgId, notificationId: recentSent.id, attempt: 1, at: recent, outcome: 'delivered', durationMs: 12 },
  ]);
  await db.db.insert(notificationAlerts).values([
    { orgId, notificationId: oldSent.id, alertId: oldResolved.id },
    { orgId, notificationId: recentSent.id, alertId: recentResolved.id },
    { orgId, notificationId: oldPending.id, alertId: oldFiring.id },
  ]);

  const audit = (at: Date) => ({ id: newId('aud', at.getTime()), orgId, actorKind: 'user' as const, actorId: 'usr_test', action: 'api_token.create', targetType: 'api_token', targetId: 'tok_x', at });
  const auditOld = audit(new Date(now - DEFAULT_AUDIT_RETENTION_MS - DAY));
  const auditKept = audit(old); // past the history retention, within the audit's: kept
  await db.db.insert(auditLog).values([auditOld, auditKept]);

  const invitation = (over: Partial<typeof invitations.$inferInsert>) => ({
    id: newId('inv', now),
    orgId,
    email: `${randomUUID()}@example.com`,
    role: 'viewer' as const,
    tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    createdBy: 'usr_test',
    createdAt: old,
    expiresAt: new Date(now + DAY),
    ...over,
  });
  const acceptedLongAgo = invitation({ acceptedAt: old, acceptedBy: 'usr_x' });
  const expiredLongAgo = invitation({ expiresAt: old });
  const pending = invitation({}); // made long ago, still open (a long expiry): kept
  await db.db.insert(invitations).values([acceptedLongAgo, expiredLongAgo, pending]);

  return { orgId, pending, oldRolling, oldStep, stuckOld, recentDone, oldPlan, recentPlan, planStep, oldResolved, oldFiring, recentResolved, oldSent, oldPending, recentSent, auditOld, auditKept };
}

const idsOf = (rows: Array<{ id: string | number }>) => new Set(rows.map((r) => String(r.id)));

test('retention deletes finished history past its retention, whole, and keeps anything in progress', async () => {
  const { deps, clock } = directDeps(db.db);
  const now = clock.now();
  const a = await seedHistory(now);
  const b = await seedHistory(now); // a second organization: retention runs for every one

  const userId = newId('usr', now);
  await db.db.insert(users).values({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
  const session = (expiresAt: number) => ({ tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'), userId, activeOrgId: a.orgId, createdAt: new Date(now - 10 * DAY), expiresAt: new Date(expiresAt), lastSeenAt: new Date(now - DAY) });
  const expired = session(now - 1000);
  const live = session(now + DAY);
  await db.db.insert(sessions).values([expired, live]);
  await db.db.insert(rateLimits).values([
    { key: `login:ip:old-${userId}`, windowStart: new Date(now - 2 * DAY), count: 3 },
    { key: `login:ip:now-${userId}`, windowStart: new Date(now - 60_000), count: 3 },
  ]);

  const result = await applyRetention(deps, { chunkSize: 1 });
  assert.equal(result.operationsDeleted, 2, 'the old rolling restart, in each org');
  assert.equal(result.bootstrapPlansDeleted, 2);
  assert.equal(result.notificationsDeleted, 2);
  assert.equal(result.alertsDeleted, 2);
  assert.equal(result.auditEntriesDeleted, 2);
  assert.equal(result.invitationsDeleted, 4);
  assert.equal(result.sessionsDeleted, 1);
  assert.equal(result.rateLimitWindowsDeleted, 1);

  for (const org of [a, b]) {
    const cmdIds = idsOf(await db.db.select({ id: commands.id }).from(commands).where(eq(commands.orgId, org.orgId)));
    assert.deepEqual(cmdIds, new Set([org.stuckOld.id, org.recentDone.id]), 'the step went with its rolling restart and its plan');
    assert.deepEqual(idsOf(await db.db.select({ id: bootstrapPlans.id }).from(bootstrapPlans).where(eq(bootstrapPlans.orgId, org.orgId))), new Set([org.recentPlan.id]));
    assert.deepEqual(idsOf(await db.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.orgId, org.orgId))), new Set([org.oldFiring.id, org.recentResolved.id]));
    assert.deepEqual(idsOf(await db.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.orgId, org.orgId))), new Set([org.oldPending.id, org.recentSent.id]));
    const attempts = await db.db.select().from(notificationAttempts).where(eq(notificationAttempts.orgId, org.orgId));
    assert.deepEqual(attempts.map((r) => r.notificationId), [org.recentSent.id], 'attempts went with their notification');
    const links = await db.db.select().from(notificationAlerts).where(eq(notificationAlerts.orgId, org.orgId));
    assert.deepEqual(new Set(links.map((l) => l.notificationId)), new Set([org.recentSent.id, org.oldPending.id]), 'no link outlives its notification or alert');
    assert.deepEqual(idsOf(await db.db.select({ id: invitations.id }).from(invitations).where(eq(invitations.orgId, org.orgId))), new Set([org.pending.id]));
    assert.deepEqual(idsOf(await db.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.orgId, org.orgId))), new Set([org.auditKept.id]));
  }
  const leftSessions = await db.db.select().from(sessions).where(eq(sessions.userId, userId));
  assert.deepEqual(leftSessions.map((s) => s.tokenHash), [live.tokenHash]);
  const windows = await db.db.select().from(rateLimits);
  assert.ok(windows.some((w) => w.key === `login:ip:now-${userId}`));
  assert.ok(!windows.some((w) => w.key === `login:ip:old-${userId}`));

  const again = await applyRetention(deps, { chunkSize: 1 });
  assert.ok(Object.values(again).every((n) => n === 0), `a second run finds nothing: ${JSON.stringify(again)}`);
});

test('retention periods come from the configuration', async () => {
  const { deps, clock } = directDeps(db.db);
  const now = clock.now();
  const org = await seedHistory(now);
  // A 400-day history retention keeps what the default 180 days would delete; 2 years keeps the old audit entry.
  const kept = await applyRetention({ ...deps, config: { ...deps.config, historyRetentionMs: 400 * DAY, auditRetentionMs: 800 * DAY } });
  assert.equal(kept.operationsDeleted + kept.alertsDeleted + kept.notificationsDeleted + kept.auditEntriesDeleted, 0);
  assert.equal((await db.db.select().from(auditLog).where(eq(auditLog.orgId, org.orgId))).length, 2);
  const shorter = await applyRetention({ ...deps, config: { ...deps.config, historyRetentionMs: 2 * DAY / 3 } });
  assert.ok(shorter.operationsDeleted >= 2, 'a shorter retention also takes the recent finished operation');
});
