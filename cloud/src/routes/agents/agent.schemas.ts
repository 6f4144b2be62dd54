import { z } from '@hono/zod-openapi';
import type { AgentRow } from '../../db/repos/agents.repo';
import { millis } from '../../http/openapi';

export const agentSchema = z
  .object({
    id: z.string(),
    hostname: z.string(),
    version: z.string(),
    enrolledAt: millis,
    lastSeenAt: millis.nullable(),
    connected: z.boolean(),
    revokedAt: millis.nullable(),
  })
  .openapi('Agent');

export function agentView(row: AgentRow): z.infer<typeof agentSchema> {
  return {
    id: row.id,
    hostname: row.hostname,
    version: row.version,
    enrolledAt: row.enrolledAt.getTime(),
    lastSeenAt: row.lastSeenAt?.getTime() ?? null,
    connected: row.connected && !row.revokedAt,
    revokedAt: row.revokedAt?.getTime() ?? null,
  };
}
