import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { AppError } from '../errors';
import type { AppEnv } from './context';

type Issue = ZodError['issues'][number];

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Turns zod issues into one problem per bad field, named by its dotted path. A missing field says
 * "required"; an unknown field (from `.strict()` objects) is named as such. Only the first issue
 * of a field is kept: zod goes on checking a value of the wrong type ("expected string, received
 * array" then "array too small"), and the first one is the one that explains it.
 */
export function fieldProblems(issues: readonly Issue[], root: string): FieldProblem[] {
  const seen = new Set<string>();
  return all(issues, root).filter((p) => !seen.has(p.path) && seen.add(p.path));
}

function all(issues: readonly Issue[], root: string): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return [{ path: base || root, message: missing ? 'required' : issue.message }];
  });
}

const TARGET_NAMES: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie', form: 'body' };

/**
 * The `defaultHook` of the OpenAPIHono app: every body, path and query validation failure becomes
 * 400 `validation_failed` with a message like "invalid body: email: required; password: too short".
 */
export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return undefined;
  const where = TARGET_NAMES[result.target] ?? result.target;
  const problems = fieldProblems(result.error.issues, `(${where})`);
  const message = `invalid ${where}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
  throw new AppError('validation_failed', message, { details: { target: where, problems } });
};
