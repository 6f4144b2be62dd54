import { createHmac } from 'node:crypto';

/**
 * SES's SMTP password for an IAM access key, by AWS's documented derivation (a SigV4-style HMAC
 * chain over a fixed date, the region, "ses", "aws4_request" and "SendRawEmail", prefixed with
 * version byte 4, base64). The email stack stores the access key of a send-only IAM user in
 * Secrets Manager (`SMTP_CREDENTIALS_SECRET_ARN`); the mailer derives the password at cold start
 * and sends through `SMTP_HOST:SMTP_PORT` (STARTTLS) as `username` = the access key id.
 *
 * @example
 * smtpPasswordFor('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-1') // 'BK…' (44 characters)
 */
export function smtpPasswordFor(secretAccessKey: string, region: string): string {
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, 'utf8');
  for (const part of ['11111111', region, 'ses', 'aws4_request', 'SendRawEmail']) {
    key = createHmac('sha256', key).update(part, 'utf8').digest();
  }
  return Buffer.concat([Buffer.from([0x04]), key]).toString('base64');
}

/** The SMTP credentials the secret holds, checked (its value is never logged). */
export function smtpCredentialsFrom(secretString: string, region: string): { user: string; pass: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new Error('the SMTP credentials secret is not JSON (expected {"username": …, "secretAccessKey": …})');
  }
  const { username, secretAccessKey } = (parsed ?? {}) as { username?: unknown; secretAccessKey?: unknown };
  if (typeof username !== 'string' || typeof secretAccessKey !== 'string') {
    throw new Error('the SMTP credentials secret lacks "username" or "secretAccessKey"');
  }
  return { user: username, pass: smtpPasswordFor(secretAccessKey, region) };
}
