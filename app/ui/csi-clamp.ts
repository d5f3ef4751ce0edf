// Counts in the guest's control sequences are capped before either terminal view parses them.
//
// xterm.js runs some sequences once per count: `printf '\033[2147483647L'` (insert lines), or the
// same count on M, S, T, Z or b (repeat the last character), froze the page for minutes, terminal,
// panels and Start over with it. No screen needs a count past four digits: a longer one acts as the
// largest would (clearing the region, scrolling it all), so its digits past the fourth are dropped.

/** Significant digits a parameter keeps: up to 9999, more than any screen has rows or columns. */
const MAX_DIGITS = 4;

const enum State {
  Ground,
  Escape,
  /** After 0xC2, the first byte of a UTF-8 C1 control: CSI when 0x9B follows. */
  C1Lead,
  Params,
}

/** Stateful, so a sequence split across the console's chunks is read whole. */
export class CsiCountClamp {
  private state = State.Ground;
  private digits = 0;

  /** The bytes as the terminals are to see them: the same array when nothing was dropped. */
  filter(bytes: Uint8Array): Uint8Array {
    let kept: Uint8Array | undefined;
    let length = 0;
    for (let i = 0; i < bytes.length; i++) {
      const drop = this.step(bytes[i]);
      if (drop && !kept) {
        kept = new Uint8Array(bytes.length);
        kept.set(bytes.subarray(0, i));
        length = i;
      } else if (!drop && kept) kept[length++] = bytes[i];
    }
    return kept ? kept.subarray(0, length) : bytes;
  }

  /** Reads one byte; true when it is a digit past the limit, to be dropped. */
  private step(byte: number): boolean {
    switch (this.state) {
      case State.Escape:
        this.state = byte === 0x5b ? this.params() : byte === 0x1b ? State.Escape : State.Ground;
        return false;
      case State.C1Lead:
        if (byte === 0x9b) {
          this.state = this.params();
          return false;
        }
        this.state = State.Ground;
        return this.step(byte);
      case State.Params:
        if (byte >= 0x30 && byte <= 0x39) {
          // Leading zeros change nothing and are not counted.
          if (this.digits > 0 || byte !== 0x30) this.digits++;
          return this.digits > MAX_DIGITS;
        }
        if (byte === 0x3b || byte === 0x3a) this.digits = 0;
        else if (byte === 0x1b) this.state = State.Escape;
        // A final byte ends it; CAN, SUB and anything past ASCII cancel it.
        else if ((byte >= 0x40 && byte <= 0x7e) || byte === 0x18 || byte === 0x1a || byte >= 0x80)
          this.state = State.Ground;
        return false;
      default:
        if (byte === 0x1b) this.state = State.Escape;
        else if (byte === 0xc2) this.state = State.C1Lead;
        return false;
    }
  }

  private params(): State {
    this.digits = 0;
    return State.Params;
  }
}
