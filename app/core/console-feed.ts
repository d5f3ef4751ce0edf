// Feeds the console's input to the emulated UART a few KB at a time, as a serial line would.

/**
 * v86's UART takes any number of bytes at once, and its interrupt reaches the guest only as its line
 * goes up (the PIC sees edges). Linux's 8250 interrupt handler reads until the UART is empty, but at
 * most 512 × 256 bytes: with more waiting it returns with the line still up, no interrupt comes
 * again, and the console is dead for good, input and output alike (a 150 KB paste did it). So the
 * UART is given at most this much, and more only once the guest has read it all: the handler sees it
 * empty and returns with the line down, and the next bytes raise it again. Topped up whenever it
 * has room instead, it never emptied: a slice of v86 can end within the handler's loop. A quarter of
 * the handler's most: a paste up to this size arrives whole, as before, while the shell's line
 * editor has the terminal (4 KB pieces came while a pasted command ran, and the kernel echoed them).
 */
export const UART_QUEUE_MAX = 32 * 1024;

/** The part of v86's UART used here: bytes the guest has not read yet. */
export interface UartInput {
  input: number[];
}

export class ConsoleFeed {
  private readonly queue: Uint8Array[] = [];
  /** How much of the queue's first chunk has gone to the UART. */
  private sent = 0;
  private pumping = false;

  /**
   * `uart` gives v86's UART once its machine exists (undefined: v86's insides are not as expected,
   * and everything goes at once, as before); `send` hands bytes to it.
   */
  constructor(
    private readonly uart: () => UartInput | undefined,
    private readonly send: (bytes: Uint8Array) => void,
  ) {}

  /** Bytes wait here for room in the UART. */
  get waiting(): boolean {
    return this.queue.length > 0;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes);
    this.pump();
  }

  /** Fills the UART once it is empty: called as input comes, and between the emulator's slices. */
  pump(): void {
    // Called after every slice of v86: with nothing waiting, nothing to look up. And each byte given
    // raises the UART's interrupt, which wakes an idle v86, which schedules its next slice, which
    // pumps: from inside the loop below, before it has counted what it gave.
    if (this.pumping || this.queue.length === 0) return;
    this.pumping = true;
    try {
      this.fill();
    } finally {
      this.pumping = false;
    }
  }

  private fill(): void {
    const uart = this.uart();
    if (uart && uart.input.length > 0) return;
    let room = uart ? UART_QUEUE_MAX : Infinity;
    while (room > 0 && this.queue.length > 0) {
      const head = this.queue[0];
      const piece = head.subarray(this.sent, this.sent + Math.min(room, head.length - this.sent));
      this.send(piece);
      room -= piece.length;
      this.sent += piece.length;
      if (this.sent === head.length) {
        this.queue.shift();
        this.sent = 0;
      }
    }
  }

  /** Everything the guest has not read yet, here and in the UART, is dropped (Ctrl+C after a paste). */
  drop(): void {
    this.queue.length = 0;
    this.sent = 0;
    const uart = this.uart();
    if (uart) uart.input.length = 0;
  }
}
