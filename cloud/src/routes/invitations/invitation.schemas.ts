import { z } from '@hono/zod-openapi';
import type { InvitationRow } from '../../db/repos/invitations.repo';
import { millis } from '../../http/openapi';
import { roleSchema } from '../auth/auth.schemas';

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    createdBy: z.string().describe('The user who invited (an API token counts as its creator)'),
    createdAt: millis,
    expiresAt: millis,
  })
  .openapi('Invitation');

export function invitationView(row: InvitationRow): z.infer<typeof invitationSchema> {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
}

/** What the link's holder may learn before accepting it. */
export const publicInvitationSchema = z
  .object({ organizationName: z.string(), email: z.string(), role: roleSchema, expiresAt: millis })
  .openapi('InvitationPreview');

/** The link's token, `qri_…`; anything else answers 404 like an unknown token. */
export const invitationTokenSchema = z.string().min(1).max(200).openapi({ example: 'qri_3q2-7wEvXyZaQ0N8r1VbCk5m2UoTj6sLdHgFe9pYw4x' });

export const invitationTokenParam = z.object({
  token: invitationTokenSchema.openapi({ param: { name: 'token', in: 'path' } }),
});
