import { encodeMessage, type CloudMessage } from '@quorum/protocol';
import WebSocket from 'ws';
import type { AgentChannel } from '../../ports/agent-channel';

/** The local AgentChannel: connection ids mapped to the `ws` sockets of this process. */
export class LocalAgentChannel implements AgentChannel {
  readonly #sockets = new Map<string, WebSocket>();

  add(connectionId: string, socket: WebSocket): void {
    this.#sockets.set(connectionId, socket);
  }

  remove(connectionId: string): void {
    this.#sockets.delete(connectionId);
  }

  get size(): number {
    return this.#sockets.size;
  }

  send(connectionId: string, message: CloudMessage): Promise<boolean> {
    const socket = this.#sockets.get(connectionId);
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    const text = encodeMessage(message);
    return new Promise((resolve) => socket.send(text, (error) => resolve(!error)));
  }

  async close(connectionId: string, code: number, reason: string): Promise<void> {
    const socket = this.#sockets.get(connectionId);
    if (socket) closeSocket(socket, code, reason);
  }

  /** Closes every connection (shutdown) and waits until they are closed. */
  async closeAll(code: number, reason: string, timeoutMs = 5_000): Promise<void> {
    await Promise.all(
      [...this.#sockets.values()].map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            closeSocket(socket, code, reason, timeoutMs);
          }),
      ),
    );
  }
}

/** A close handshake, and a hard stop if the peer never answers it. */
function closeSocket(socket: WebSocket, code: number, reason: string, timeoutMs = 5_000): void {
  if (socket.readyState === WebSocket.CLOSED) return;
  socket.close(code, reason.slice(0, 120)); // a close reason is at most 123 bytes
  setTimeout(() => {
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }, timeoutMs).unref();
}
