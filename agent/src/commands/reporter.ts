import { MAX_MESSAGE_BYTES, utf8Length, type CommandUpdate, type RejectReason } from '@quorum/protocol';
import type { Outcome } from '../actions/runner';

/** Room left in a batch message for one update (the batch's own fields take the rest). */
const MAX_UPDATE_BYTES = MAX_MESSAGE_BYTES - 4096;

/**
 * Builds a command's updates: `seq` grows by one per update of a command, strings are clamped to
 * the protocol's lengths, and a result too large for a message is replaced by a note, so an
 * update is never refused by the schema (which would lose a final state).
 */
export class UpdateBuilder {
  readonly #seq = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  accepted(commandId: string): CommandUpdate {
    return this.#next(commandId, { state: 'accepted' });
  }

  running(commandId: string, step: string, message: string, percent?: number): CommandUpdate {
    const progress = { step: clamp(step, 64), message: clamp(message, 1024), ...(percent !== undefined ? { percent: Math.min(100, Math.max(0, percent)) } : {}) };
    return this.#next(commandId, { state: 'running', progress });
  }

  /** A verification failure (the envelope is authentic, so its id is known). */
  rejected(commandId: string, reason: RejectReason, message: string): CommandUpdate {
    return this.#final(commandId, { state: 'rejected', reason, error: { code: reason, message: clamp(message, 2048) } });
  }

  final(commandId: string, outcome: Outcome): CommandUpdate {
    if (outcome.state === 'rejected') {
      const { code, message, evidence } = outcome.refusal;
      return this.#final(commandId, { state: 'rejected', refusal: { code, message: clamp(message, 2048), ...(evidence ? { evidence } : {}) } });
    }
    const error = outcome.state === 'failed' ? { error: { code: clamp(outcome.error.code, 64), message: clamp(outcome.error.message, 2048) } } : {};
    return this.#final(commandId, { state: outcome.state, ...error, ...(outcome.result ? { result: outcome.result } : {}) });
  }

  #final(commandId: string, fields: Omit<CommandUpdate, 'commandId' | 'at' | 'seq'>): CommandUpdate {
    const update = this.#next(commandId, fields);
    this.#seq.delete(commandId);
    return fitMessage(update);
  }

  #next(commandId: string, fields: Omit<CommandUpdate, 'commandId' | 'at' | 'seq'>): CommandUpdate {
    const seq = this.#seq.get(commandId) ?? 0;
    this.#seq.set(commandId, seq + 1);
    return { commandId, at: this.#now(), seq, ...fields };
  }
}

function fitMessage(update: CommandUpdate): CommandUpdate {
  if (utf8Length(JSON.stringify(update)) <= MAX_UPDATE_BYTES) return update;
  const { result: _result, refusal, ...rest } = update;
  const note = { omitted: `the result was larger than one message (${MAX_UPDATE_BYTES} bytes) and was left out` };
  return { ...rest, result: note, ...(refusal ? { refusal: { code: refusal.code, message: refusal.message } } : {}) };
}

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
