/**
 * Sends email (SMTP via nodemailer locally; SES's SMTP endpoint on AWS). One message at a time;
 * the caller (the notify job) owns retries, so `send` makes ONE attempt.
 *
 * @example
 * await mailer.send({ to: ['oncall@example.com'], subject: '[Quorum] CRITICAL: …', text, html, messageId: '<dlv_…@quorum>' })
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** `<deliveryId@host>`: the same for every retry of one delivery, so receivers can dedupe. */
  messageId: string;
  headers?: Record<string, string>;
}

/**
 * A failed send. `transient`: worth retrying (connection failures, timeouts, SMTP 4xx); otherwise
 * the message itself or the configuration is wrong (SMTP 5xx, authentication, no SMTP at all).
 */
export class MailError extends Error {
  readonly transient: boolean;
  readonly responseCode: number | undefined;
  constructor(message: string, opts: { transient: boolean; responseCode?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'MailError';
    this.transient = opts.transient;
    this.responseCode = opts.responseCode;
  }
}

/** The mailer of a control plane without SMTP settings: every send fails, saying what to set. */
export const unconfiguredMailer: Mailer = {
  async send() {
    throw new MailError('email is not configured on this control plane (set SMTP_URL)', { transient: false });
  },
};
