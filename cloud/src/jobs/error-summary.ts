/**
 * An error as a log field: name, code and a bounded message, causes included. A failed query's
 * message carries its whole SQL — for a batch of samples, hundreds of kilobytes of values — and
 * drizzle appends the bound parameters: neither belongs in a log line.
 */
export function errorSummary(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error).slice(0, 300) };
  const e = error as Error & { code?: unknown; errno?: unknown; sqlMessage?: unknown };
  const message = e.message.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');
  return {
    name: e.name,
    message: message.length > 300 ? `${message.slice(0, 300)}… (${message.length} chars)` : message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.errno !== undefined ? { errno: e.errno } : {}),
    ...(typeof e.sqlMessage === 'string' ? { sqlMessage: e.sqlMessage.slice(0, 300) } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: errorSummary(e.cause, depth + 1) } : {}),
  };
}
