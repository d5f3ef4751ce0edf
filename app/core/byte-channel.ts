// One direction of a serial port as the page sees it: bytes batched per microtask, held until heard.
import { notifyAll, type Unsubscribe } from "./store";

export type ByteListener = (bytes: Uint8Array) => void;

/**
 * Serial output arrives one byte per event; batching per microtask keeps xterm and the protocol
 * parser from doing per-byte work while still delivering output in the same turn. Bytes that arrive
 * before anyone listens are kept for the first listener: a guest started early (in a worker, before
 * the page's code has subscribed) must not lose its first words.
 */
export class ByteChannel {
  private pending: number[] = [];
  private held: Uint8Array[] = [];
  private scheduled = false;
  private readonly listeners = new Set<ByteListener>();

  push = (byte: number): void => {
    this.pending.push(byte);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const chunk = Uint8Array.from(this.pending);
      this.pending = [];
      this.deliver(chunk);
    });
  };

  /** A chunk that is already batched (from a worker). */
  pushChunk(chunk: Uint8Array): void {
    if (chunk.length > 0) this.deliver(chunk);
  }

  private deliver(chunk: Uint8Array): void {
    if (this.listeners.size === 0) this.held.push(chunk);
    else notifyAll(this.listeners, chunk);
  }

  on(listener: ByteListener): Unsubscribe {
    this.listeners.add(listener);
    const held = this.held;
    this.held = [];
    for (const chunk of held) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
    this.held = [];
    this.pending = [];
  }
}
