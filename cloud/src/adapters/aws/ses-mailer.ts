import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MailError, unconfiguredMailer, type Mailer } from '../../ports/mailer';
import { createSmtpMailer } from '../notify/smtp-mailer';
import type { SmtpConfig } from './config';
import { smtpCredentialsFrom } from './ses-smtp';

/**
 * Email on AWS: SES's SMTP endpoint through the same nodemailer adapter the local host uses. The
 * credentials (a send-only IAM user's key, in Secrets Manager) are fetched on the first send of a
 * container — not at cold start, so functions that never send mail never read the secret — and the
 * SMTP password is derived from them (`smtpPasswordFor`). A failed fetch is a transient error: the
 * notify job retries the delivery, and the next send tries the secret again.
 */
export function sesMailer(opts: { smtp: SmtpConfig | undefined; region: string; secrets: Pick<SecretsManagerClient, 'send'> }): Mailer {
  const { smtp } = opts;
  if (!smtp) return unconfiguredMailer;
  let mailer: Promise<Mailer> | undefined;
  const load = async (): Promise<Mailer> => {
    const secret = await opts.secrets.send(new GetSecretValueCommand({ SecretId: smtp.credentialsSecretArn }));
    if (!secret.SecretString) throw new Error('the SMTP credentials secret has no string value');
    const { user, pass } = smtpCredentialsFrom(secret.SecretString, opts.region);
    const url = `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${smtp.host}:${smtp.port}`;
    return createSmtpMailer({ url, from: smtp.from });
  };
  return {
    async send(message) {
      mailer ??= load().catch((error: unknown) => {
        mailer = undefined;
        throw new MailError(`could not read the SMTP credentials: ${(error as Error).message}`, { transient: true, cause: error });
      });
      await (await mailer).send(message);
    },
  };
}
