import type { GatewayLimits } from './limits';

/**
 * Counts one connection's traffic and says when it has become abusive: too many invalid messages
 * within a minute, or a sustained message rate above the limit. Pure and per connection, so one
 * misbehaving agent never affects another's connection.
 */
export class ConnectionGuard {
  readonly #limits: GatewayLimits;
  #invalidAt: number[] = [];
  #windowStart = Number.NEGATIVE_INFINITY;
  #inWindow = 0;

  constructor(limits: GatewayLimits) {
    this.#limits = limits;
  }

  /** Counts a received message; returns a close reason when the rate is too high. */
  noteMessage(now: number): string | undefined {
    if (now - this.#windowStart >= this.#limits.rateWindowMs) {
      this.#windowStart = now;
      this.#inWindow = 0;
    }
    this.#inWindow += 1;
    return this.#inWindow > this.#limits.maxMessagesPerWindow ? 'message rate too high' : undefined;
  }

  /** Counts an invalid message; returns a close reason when there have been too many lately. */
  noteInvalid(now: number): string | undefined {
    const since = now - this.#limits.invalidWindowMs;
    this.#invalidAt = this.#invalidAt.filter((t) => t > since);
    this.#invalidAt.push(now);
    return this.#invalidAt.length >= this.#limits.maxInvalidMessages ? 'too many invalid messages' : undefined;
  }
}
