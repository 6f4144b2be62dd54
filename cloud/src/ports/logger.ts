/**
 * Structured logging. Never pass secrets (passwords, tokens, keys, credentials, cookies) as
 * fields: log ids and hashes' prefixes instead.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** One JSON object per line on stderr. */
export function jsonLogger(opts: { level?: 'debug' | 'info' | 'warn' | 'error'; base?: LogFields } = {}): Logger {
  const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
  const min = order[opts.level ?? 'info'];
  const write = (level: keyof typeof order, msg: string, fields?: LogFields) => {
    if (order[level] < min) return;
    const line = { time: new Date().toISOString(), level, msg, ...opts.base, ...fields };
    process.stderr.write(`${JSON.stringify(line, errorReplacer)}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
