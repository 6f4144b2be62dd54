import { createTransport, type Transporter } from 'nodemailer';
import { MailError, type Mailer } from '../../ports/mailer';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS). */
  url: string;
  /** The From header, e.g. `Quorum <alerts@quorum.example.com>`. */
  from: string;
}

/** Connection failures, timeouts and SMTP 4xx are worth another attempt; 5xx and bad credentials are not. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL', 'ECONNRESET', 'ECONNREFUSED']);

/**
 * The Mailer over SMTP with nodemailer (locally any SMTP server; on AWS, SES's SMTP endpoint).
 * The password lives in the URL given at start-up and is never logged: errors carry the server's
 * answer and nodemailer's error code only.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const url = parseSmtpUrl(options.url);
  const transport: Transporter = createTransport({
    host: url.host,
    port: url.port,
    secure: url.secure,
    ...(url.user ? { auth: { user: url.user, pass: url.password } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          ...(message.headers ? { headers: message.headers } : {}),
        });
      } catch (error) {
        const e = error as { code?: string; responseCode?: number; message?: string };
        const transient = e.responseCode !== undefined ? e.responseCode >= 400 && e.responseCode < 500 : TRANSIENT_CODES.has(e.code ?? '');
        throw new MailError(`${e.code ? `${e.code}: ` : ''}${(e.message ?? String(error)).slice(0, 400)}`, {
          transient,
          ...(e.responseCode !== undefined ? { responseCode: e.responseCode } : {}),
        });
      }
    },
  };
}

export interface SmtpUrl {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
}

/** Parses SMTP_URL; throws naming what is wrong (never echoing the password). */
export function parseSmtpUrl(raw: string): SmtpUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error('expected smtp://user:password@host:port or smtps://…');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`expected smtp:// or smtps:// (got ${u.protocol}//)`);
  if (!u.hostname) throw new Error('names no host');
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}
