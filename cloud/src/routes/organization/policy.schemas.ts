import { z } from '@hono/zod-openapi';
import { millis } from '../../http/openapi';

export const policySchema = z
  .object({
    bootstrapRequiresApproval: z.boolean().describe('A bootstrap-cluster waits for a second admin or owner to approve it before it is signed'),
    updatedBy: z.string().nullable(),
    updatedAt: millis.nullable(),
  })
  .openapi('OrganizationPolicy');
