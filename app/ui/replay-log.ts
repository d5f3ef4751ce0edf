// The guest's output kept for xterm to replay when it takes over from the light screen.

/** Beyond this only the newest output is kept (a flood before xterm loads must not fill memory). */
const REPLAY_LIMIT = 4 * 1024 * 1024;

export class ReplayLog {
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.bytes += bytes.length;
    while (this.bytes > REPLAY_LIMIT && this.chunks.length > 1) {
      this.bytes -= this.chunks.shift()?.length ?? 0;
    }
  }

  /** What is kept, oldest first; the log is empty after. */
  take(): Uint8Array[] {
    const taken = this.chunks;
    this.chunks = [];
    this.bytes = 0;
    return taken;
  }

  get empty(): boolean {
    return this.chunks.length === 0;
  }
}
