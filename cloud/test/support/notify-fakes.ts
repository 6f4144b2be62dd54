import { checkTargetUrl } from '../../src/core/notify/address-policy';
import type { HttpAnswer, HttpSender } from '../../src/ports/http-sender';
import type { Mailer, MailMessage } from '../../src/ports/mailer';
import type { QueueMessages, QueueName, QueuePort } from '../../src/ports/queue';

/** A Mailer that keeps what it was asked to send. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}

/**
 * An HttpSender that answers 200 (or `answer`) without any network, checking only the URL's
 * shape. For tests of what is sent; the real guarded sender has its own tests.
 */
export class RecordingHttpSender implements HttpSender {
  readonly posts: Array<{ url: string; body: string; headers: Record<string, string> }> = [];
  answer: HttpAnswer = { status: 200, bodySnippet: 'ok' };
  async validateTarget(url: string): Promise<void> {
    checkTargetUrl(url);
  }
  async post(url: string, request: { body: string; headers: Record<string, string> }): Promise<HttpAnswer> {
    checkTargetUrl(url);
    this.posts.push({ url, ...request });
    return this.answer;
  }
}

/** A QueuePort that records messages and handles none (tests run consumers themselves). */
export class RecordingQueue implements QueuePort {
  readonly sent: Array<{ queue: QueueName; message: unknown }> = [];
  async send<Q extends QueueName>(queue: Q, message: QueueMessages[Q]): Promise<void> {
    this.sent.push({ queue, message });
  }
  of<Q extends QueueName>(queue: Q): Array<QueueMessages[Q]> {
    return this.sent.filter((s) => s.queue === queue).map((s) => s.message as QueueMessages[Q]);
  }
}
