import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../core/auth/password';
import { normalizeEmail } from '../../core/auth/email';
import { ROLES } from '../../core/auth/roles';
import { millis } from '../../http/openapi';

export const emailSchema = z
  .string()
  .max(254)
  .transform(normalizeEmail)
  .pipe(z.email({ message: 'not a valid email address' }))
  .openapi({ type: 'string', format: 'email', example: 'ann@example.com' });

/** Rules apply at signup only; login accepts any string so it reveals nothing about them. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((p) => p.trim().length >= PASSWORD_MIN_LENGTH, 'must not be mostly whitespace');

export const roleSchema = z.enum(ROLES).openapi({ description: 'owner > admin > operator > viewer' });

export const meSchema = z
  .object({
    authenticatedBy: z.enum(['session', 'api_token']),
    /** Null for an API token. */
    user: z.object({ id: z.string(), email: z.string(), createdAt: millis }).nullable(),
    activeOrganization: z.object({ id: z.string(), name: z.string(), role: roleSchema }),
    memberships: z.array(z.object({ orgId: z.string(), name: z.string(), role: roleSchema })),
  })
  .openapi('Me');
export type Me = z.infer<typeof meSchema>;
