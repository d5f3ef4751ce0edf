// Counts in the guest's control sequences are capped before either terminal view parses them.
//
// xterm.js runs some sequences once per count: `printf '\033[2147483647L'` (insert lines), or the
// same count on M, S, T, Z or b (repeat the last character), froze the page for minutes, terminal,
// panels and Start over with it. No screen needs a count past 9999: a parameter beyond it is sent
// as 9999. Its digits are held until it ends, so the cap is a value, not a cut (12345 is not 1234).
// The sequences are followed as xterm's parser follows them: ESC and the C1 control CSI (U+009B,
// bytes C2 9B) start one from any state, and a character past ASCII inside one abandons it (xterm's
// table has no entry there: an error, back to text, the character dropped).

/** The largest count passed on: more than any screen has rows or columns. */
const MAX_DIGITS = 4;
const CAP = [0x39, 0x39, 0x39, 0x39];

const enum State {
  Ground,
  Escape,
  Params,
}

/** Stateful, so a sequence split across the console's chunks is read whole. */
export class CsiCountClamp {
  private state = State.Ground;
  /** 0xC2 was the last byte: the next may make it a C1 control (0x9B: CSI). */
  private afterC2 = false;
  /** That 0xC2 came inside a sequence: held back, dropped unless a C1 control follows. */
  private heldC2 = false;
  /** The current parameter's digits, held until it ends (of its leading zeros, one). */
  private digits: number[] = [];
  private significant = 0;

  /** The bytes as the terminals are to see them: the same array when nothing is held or capped. */
  filter(bytes: Uint8Array): Uint8Array {
    if (this.state === State.Ground && !this.afterC2 && !bytes.some((b) => b === 0x1b || b === 0xc2))
      return bytes;
    // Longer than the input by at most what was held from the chunk before (a C2, five digits).
    const out = new Uint8Array(bytes.length + 8);
    let length = 0;
    const emit = (byte: number) => (out[length++] = byte);
    for (const byte of bytes) this.step(byte, emit);
    return out.subarray(0, length);
  }

  private step(byte: number, emit: (byte: number) => void): void {
    if (this.afterC2) {
      this.afterC2 = false;
      const held = this.heldC2;
      this.heldC2 = false;
      // A C1 control ends the sequence it came in (CSI starts a new one); any other character a
      // held 0xC2 began inside a sequence abandons it (as below): either way the sequence is over.
      if (held || (byte >= 0x80 && byte <= 0x9f)) {
        this.endParam(emit);
        if (held) emit(0xc2);
        emit(byte);
        this.state = byte === 0x9b ? this.enterParams() : State.Ground;
        return;
      }
    }
    if (byte === 0xc2) {
      this.afterC2 = true;
      if (this.state === State.Params) this.heldC2 = true;
      else emit(byte);
      return;
    }
    if (this.state === State.Params) {
      if (byte >= 0x30 && byte <= 0x39) return this.digit(byte);
      // A character past ASCII: the sequence is abandoned, its bytes passed on for xterm to drop.
      if (byte >= 0x80) {
        this.abandon(emit);
        return void emit(byte);
      }
      // Another control is carried out where it stands (DEL ignored): the parameter goes on after it.
      if (byte < 0x20 && byte !== 0x1b && byte !== 0x18 && byte !== 0x1a) return void emit(byte);
      if (byte === 0x7f) return void emit(byte);
      this.endParam(emit);
      emit(byte);
      if (byte === 0x1b) this.state = State.Escape;
      // A final byte ends it, CAN and SUB cancel it; ";", ":", a private marker go on.
      else if ((byte >= 0x40 && byte <= 0x7e) || byte === 0x18 || byte === 0x1a) this.state = State.Ground;
      return;
    }
    emit(byte);
    if (byte === 0x1b) this.state = State.Escape;
    else if (this.state === State.Escape) {
      if (byte === 0x5b) this.state = this.enterParams();
      // A control after ESC is carried out and the escape goes on; CAN and SUB cancel it.
      else if (byte >= 0x20 || byte === 0x18 || byte === 0x1a) this.state = State.Ground;
    }
  }

  /** The parameter so far passed on (capped or not: nothing will run it), and back to text. */
  private abandon(emit: (byte: number) => void): void {
    this.endParam(emit);
    this.state = State.Ground;
  }

  private digit(byte: number): void {
    if (byte === 0x30 && this.significant === 0) {
      if (this.digits.length === 0) this.digits.push(byte);
      return;
    }
    this.significant++;
    if (this.significant <= MAX_DIGITS) this.digits.push(byte);
  }

  private endParam(emit: (byte: number) => void): void {
    for (const d of this.significant > MAX_DIGITS ? CAP : this.digits) emit(d);
    this.digits = [];
    this.significant = 0;
  }

  private enterParams(): State {
    this.digits = [];
    this.significant = 0;
    return State.Params;
  }
}
