// Keys for the guest's terminal, handed to its serial port as the guest takes them, so Ctrl+C can stop a paste.

import { isTerminalReport } from "./terminal-report";

/** ETX, what Ctrl+C types: the terminal's interrupt character. */
const INTERRUPT = 0x03;
/** Longer than any reply the terminal sends by itself. */
const MAX_REPORT = 32;

/**
 * v86 takes any amount of input at once and queues it in its UART, where a Ctrl+C typed during a
 * long paste waits behind all of it: every pasted command runs first. Here the port is kept at most
 * `window` bytes ahead of the guest, and a Ctrl+C drops what of earlier input the port has not been
 * given yet, as a real terminal's line discipline flushes its input queue when it sends SIGINT.
 */
export class PacedInput {
  private backlog: Uint8Array[] = [];
  private offset = 0;

  /**
   * @param deliver hands bytes to the port
   * @param queued how many bytes the port holds that the guest has not read yet
   */
  constructor(
    private readonly deliver: (bytes: Uint8Array) => void,
    private readonly queued: () => number,
    private readonly window = 256,
  ) {}

  /** Bytes waiting for the guest to make room. */
  get pending(): number {
    return this.backlog.reduce((sum, b) => sum + b.length, 0) - this.offset;
  }

  send(bytes: Uint8Array): void {
    // The terminal's answer to a question the guest just asked (busybox asks for the cursor's place
    // when no key is waiting): behind the rest of a paste it would land in a later command line.
    if (bytes.length <= MAX_REPORT && isTerminalReport(new TextDecoder().decode(bytes)))
      return this.deliver(bytes);
    if (bytes.includes(INTERRUPT)) {
      this.backlog = [];
      this.offset = 0;
      // Past the window too: it must not wait for the guest to read what is ahead of it.
      return this.deliver(bytes);
    }
    this.backlog.push(bytes);
    this.pump();
  }

  /** Gives the port as much as fits in the window; called again as the guest reads. */
  pump(): void {
    let room = this.window - this.queued();
    while (room > 0 && this.backlog.length > 0) {
      const head = this.backlog[0];
      const part = head.subarray(this.offset, this.offset + room);
      room -= part.length;
      this.offset += part.length;
      if (this.offset === head.length) {
        this.backlog.shift();
        this.offset = 0;
      }
      // Taken off the backlog first: delivering can come back here (v86 wakes the guest for the
      // bytes, which runs its scheduler, which pumps), and must not find them still there.
      this.deliver(part);
    }
  }
}
