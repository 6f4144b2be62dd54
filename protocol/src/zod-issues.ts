import type { z } from 'zod';

/** One line naming each bad field and what was wrong with it, e.g. `states.0.node: Invalid string`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
