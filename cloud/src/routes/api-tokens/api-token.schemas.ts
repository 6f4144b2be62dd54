import { z } from '@hono/zod-openapi';
import type { ApiTokenRow } from '../../db/repos/api-tokens.repo';
import { millis } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    createdBy: z.string(),
    createdAt: millis,
    expiresAt: millis.nullable(),
    lastUsedAt: millis.nullable(),
    revokedAt: millis.nullable(),
  })
  .openapi('ApiToken');

export function apiTokenView(row: ApiTokenRow): z.infer<typeof apiTokenSchema> {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt?.getTime() ?? null,
    lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    revokedAt: row.revokedAt?.getTime() ?? null,
  };
}
