import { TargetRejectedError } from '../../core/notify/address-policy';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';

/** Checks a Slack/webhook URL now (resolving its host), so a bad one is a 400, not a failed delivery later. */
export async function validateTargetOrThrow(deps: Pick<Deps, 'httpSender'>, url: string): Promise<void> {
  try {
    await deps.httpSender.validateTarget(url);
  } catch (error) {
    if (error instanceof TargetRejectedError) {
      throw new AppError('validation_failed', `invalid body: url: ${error.message}`, { details: { target: 'body', problems: [{ path: 'url', message: error.message }] } });
    }
    throw error;
  }
}
