/**
 * Structured logs: one JSON object per line on stderr, `{time, level, msg, ...fields}`.
 *
 * Secrets never reach a log line: callers do not pass them, and as a second line of defence any
 * field whose name looks like a secret is replaced by "[redacted]" (see SECRET_FIELD).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_FIELD = /pass(word)?|secret|token|private|authorization|credential|^sig$/i;

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default: process.stderr). */
  write?: (line: string) => void;
  fields?: LogFields;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (RANK[level] < min) return;
      const line: LogFields = { time: new Date().toISOString(), level, msg };
      for (const [k, v] of Object.entries({ ...base, ...fields })) line[k] = redact(k, v);
      write(`${safeStringify(line)}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ write: () => {} });

function redact(key: string, value: unknown): unknown {
  if (SECRET_FIELD.test(key)) return '[redacted]';
  if (value instanceof Error) return value.message;
  return value;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return JSON.stringify({ level: 'error', msg: 'unserializable log line' });
  }
}

/** The message of anything thrown, for a log field or a user-facing line. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
