import { z } from '@hono/zod-openapi';
import type { EnrollmentTokenRow } from '../../db/repos/enrollment-tokens.repo';
import { millis } from '../../http/openapi';

export const ENROLLMENT_TOKEN_STATES = ['active', 'expired', 'used_up', 'revoked'] as const;

export const enrollmentTokenSchema = z
  .object({
    id: z.string(),
    maxUses: z.number().int(),
    uses: z.number().int(),
    createdBy: z.string(),
    createdAt: millis,
    expiresAt: millis,
    revokedAt: millis.nullable(),
    state: z.enum(ENROLLMENT_TOKEN_STATES),
  })
  .openapi('EnrollmentToken');

/** Why a token cannot enroll (or `active`); revoked wins over expired wins over used up. */
export function enrollmentTokenState(row: EnrollmentTokenRow, now: number): (typeof ENROLLMENT_TOKEN_STATES)[number] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now) return 'expired';
  if (row.uses >= row.maxUses) return 'used_up';
  return 'active';
}

export function enrollmentTokenView(row: EnrollmentTokenRow, now: number): z.infer<typeof enrollmentTokenSchema> {
  return {
    id: row.id,
    maxUses: row.maxUses,
    uses: row.uses,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
    revokedAt: row.revokedAt?.getTime() ?? null,
    state: enrollmentTokenState(row, now),
  };
}
