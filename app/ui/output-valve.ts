// Output the terminal cannot show as fast as the guest writes it is skipped, and said so.
//
// `cat /dev/urandom` writes faster than xterm can parse (binary is mostly escape sequences and
// broken characters): xterm queued it by the megabyte, so after Ctrl-C the screen went on for a
// minute, and past 50 MB xterm dropped data itself without a word. A shell's real output never comes
// near the mark here; a flood is cut at it, with a line in the terminal saying how much was skipped.
// The flood's last few KB are shown after that line: they hold what ended it (^C and the prompt).
import { terminalNote } from "../core/terminal-note";

/** Bytes handed to the terminal and not yet parsed, beyond which output is skipped. */
const HIGH_WATER = 512 * 1024;
/** Skipping ends, with the note, once the terminal has caught up to this. */
const LOW_WATER = 64 * 1024;
/** How much of the end of what was skipped is shown after the note. */
const TAIL = 4096;

export type ParsingWrite = (bytes: Uint8Array, parsed: () => void) => void;

export class OutputValve {
  private pending = 0;
  private skipped = 0;
  /** The newest skipped chunks, covering at least the last TAIL bytes (counted in `skipped` too). */
  private tail: Uint8Array[] = [];
  private tailBytes = 0;

  /**
   * `write`: the guest's output on its way (marked if binary); `writeNote`: the page's own line,
   * written as it is: through the binary filter its reset of the character set showed as a mark.
   */
  constructor(
    private readonly write: ParsingWrite,
    private readonly writeNote: ParsingWrite = write,
  ) {}

  push(bytes: Uint8Array): void {
    if (this.skipped > 0 || this.pending >= HIGH_WATER) {
      this.skipped += bytes.length;
      this.tail.push(bytes);
      this.tailBytes += bytes.length;
      while (this.tailBytes - (this.tail[0]?.length ?? 0) >= TAIL)
        this.tailBytes -= this.tail.shift()?.length ?? 0;
      return;
    }
    this.send(bytes);
  }

  private send(bytes: Uint8Array, write = this.write): void {
    this.pending += bytes.length;
    write(bytes, () => {
      this.pending -= bytes.length;
      if (this.skipped > 0 && this.pending <= LOW_WATER) this.note();
    });
  }

  private note(): void {
    // The newest TAIL bytes of what was skipped are shown after the note; the rest is counted.
    const kept = new Uint8Array(this.tailBytes);
    let at = 0;
    for (const chunk of this.tail) kept.set(chunk, (at += chunk.length) - chunk.length);
    const tail = kept.subarray(Math.max(0, kept.length - TAIL));
    const dropped = this.skipped - tail.length;
    this.skipped = 0;
    this.tail = [];
    this.tailBytes = 0;
    const size = dropped < 1024 ? "under 1 KB" : `${Math.round(dropped / 1024)} KB`;
    // A binary flood leaves the terminal in any state (line-drawing characters): the note resets it.
    const text =
      terminalNote(`${size} of output skipped: it came faster than the terminal can show it`) + "\r\n";
    this.send(new TextEncoder().encode(text), this.writeNote);
    if (tail.length > 0) this.send(tail);
  }
}
