// Keeps the guest's console output from page start, so a terminal mounted later (lazy chunk, remount) misses nothing.
import type { Lab } from "../core/lab-types";
import type { Unsubscribe } from "../core/store";

type FeedListener = (bytes: Uint8Array, replay: boolean) => void;

// Enough for several screens of scrollback; replaying more would only slow a remount down.
const DEFAULT_LIMIT = 256 * 1024;

export class TerminalFeed {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private readonly listeners = new Set<FeedListener>();
  private readonly off: Unsubscribe;

  constructor(
    lab: Lab,
    private readonly limit = DEFAULT_LIMIT,
  ) {
    this.off = lab.onTerminalOutput((bytes) => this.push(bytes));
  }

  private push(bytes: Uint8Array): void {
    // The lab may reuse its buffer; keep a copy of our own.
    const copy = bytes.slice();
    this.chunks.push(copy);
    this.size += copy.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()?.length ?? 0;
    for (const listener of [...this.listeners]) listener(copy, false);
  }

  /** Replays what was kept (replay = true), then forwards new output as it comes. */
  attach(listener: FeedListener): Unsubscribe {
    if (this.size > 0) {
      const all = new Uint8Array(this.size);
      let at = 0;
      for (const chunk of this.chunks) {
        all.set(chunk, at);
        at += chunk.length;
      }
      listener(all, true);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.off();
    this.listeners.clear();
    this.chunks = [];
    this.size = 0;
  }
}
