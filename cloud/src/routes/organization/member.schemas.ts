import { z } from '@hono/zod-openapi';
import type { MemberRow } from '../../db/repos/memberships.repo';
import { millis } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';

export const memberSchema = z.object({ userId: z.string(), email: z.string(), role: roleSchema, joinedAt: millis }).openapi('Member');

export function memberView(row: MemberRow): z.infer<typeof memberSchema> {
  return { userId: row.userId, email: row.email, role: row.role, joinedAt: row.joinedAt.getTime() };
}

/** Path parameter `{userId}`: a user id (`usr_…`); anything else is a 400, never a query. */
export const userIdParam = z.object({
  userId: z
    .string()
    .regex(/^usr_[0-9A-Za-z]{1,40}$/, 'not a valid user id')
    .openapi({ param: { name: 'userId', in: 'path' }, example: 'usr_01JD3F5Q8Y2B7T0V9W4X6Z1A2C' }),
});
