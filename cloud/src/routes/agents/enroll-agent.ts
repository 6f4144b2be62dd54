import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { enrollRequestSchema, enrollResponseSchema } from '@quorum/protocol';
import { RATE_LIMITS } from '../../core/auth/policy';
import { assertUnderLimit, rateLimitKeys, recordFailure } from '../../core/auth/rate-limit';
import { hashSecret } from '../../core/auth/tokens';
import { insertAgent } from '../../db/repos/agents.repo';
import { recordAudit } from '../../db/repos/audit.repo';
import { consumeEnrollmentToken, findEnrollmentTokenByHash } from '../../db/repos/enrollment-tokens.repo';
import { tenantScope } from '../../db/tenant-scope';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import type { AppEnv } from '../../http/context';
import { errors, json, jsonBody, publicRoute, V1 } from '../../http/openapi';
import { newId } from '../../ids';
import { enrollmentTokenState } from '../enrollment-tokens/enrollment-token.schemas';

const route = createRoute({
  method: 'post',
  path: `${V1}/agents/enroll`,
  tags: ['agents'],
  summary: 'Trade an enrollment token for an agent identity (called by `quorum-agent enroll`)',
  description:
    'Unauthenticated: the enrollment token in the body is the credential. A rejected token answers 401 ' +
    '`enrollment_rejected` with `details.reason` = unknown | expired | used_up | revoked.',
  ...publicRoute,
  request: { body: jsonBody(enrollRequestSchema) },
  responses: {
    201: json(enrollResponseSchema, 'Enrolled: pin `signingKeys`, then connect to `websocketUrl`'),
    ...errors(400, 401, 413, 415, 429),
  },
});

const REJECTIONS = {
  unknown: 'enrollment token unknown: check that it was copied in full, or create a new one',
  expired: 'enrollment token expired: create a new one',
  used_up: 'enrollment token already used (every allowed enrollment has happened): create a new one',
  revoked: 'enrollment token revoked: create a new one',
} as const;

export function registerEnrollAgent(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const now = deps.clock.now();
    const ipKey = rateLimitKeys.enrollIp(clientIp(c));
    await assertUnderLimit(deps.db, ipKey, RATE_LIMITS.enrollPerIp, now);
    const tokenHash = hashSecret(input.token);

    // One transaction: the token's use and the agent row commit together or not at all.
    const outcome = await deps.db.transaction(async (tx) => {
      if (!(await consumeEnrollmentToken(tx, tokenHash, new Date(now)))) {
        const row = await findEnrollmentTokenByHash(tx, tokenHash);
        const state = row ? enrollmentTokenState(row, now) : 'unknown';
        // `active` here means another enrollment took the last use between our UPDATE and SELECT.
        const reason: keyof typeof REJECTIONS = state === 'active' ? 'used_up' : state;
        return { ok: false as const, reason };
      }
      const token = await findEnrollmentTokenByHash(tx, tokenHash);
      if (!token) throw new Error('enrollment token vanished while being used');
      const agentId = newId('agt', now);
      await insertAgent(tx, tenantScope(token.orgId), {
        id: agentId,
        hostname: input.hostname,
        version: input.version,
        publicKey: input.publicKey,
        enrollmentTokenId: token.id,
        enrolledAt: new Date(now),
      });
      await recordAudit(tx, tenantScope(token.orgId), {
        actor: { kind: 'agent', id: agentId },
        action: 'agent.enroll',
        target: { type: 'agent', id: agentId },
        details: { enrollmentTokenId: token.id, hostname: input.hostname, version: input.version, ip: clientIp(c) },
        requestId: c.get('requestId'),
        at: now,
      });
      return { ok: true as const, agentId, orgId: token.orgId, enrollmentTokenId: token.id };
    });

    if (!outcome.ok) {
      await recordFailure(deps.db, ipKey, RATE_LIMITS.enrollPerIp, now);
      // The reason is about the token only; nothing names or confirms an organization.
      throw new AppError('enrollment_rejected', REJECTIONS[outcome.reason], { details: { reason: outcome.reason } });
    }
    deps.log.info('agent enrolled', {
      agentId: outcome.agentId,
      orgId: outcome.orgId,
      enrollmentTokenId: outcome.enrollmentTokenId,
      hostname: input.hostname,
    });
    return c.json(
      {
        agentId: outcome.agentId,
        orgId: outcome.orgId,
        websocketUrl: deps.config.agentWebsocketUrl,
        signingKeys: await deps.signer.publicKeys(),
      },
      201,
    );
  });
}
