// Splits the guest's text into what a terminal acts on: characters, controls, ESC and CSI sequences.

/** What the parser finds, for the screen model to act on (screen-grid.ts). */
export interface VtHandler {
  print(ch: string): void;
  /** A C0 control character other than ESC (line feed, backspace, …). */
  control(code: number): void;
  /** ESC followed by one character that starts no longer sequence (ESC 7, ESC M, …). */
  escape(ch: string): void;
  /** ESC [ params final: `params` as sent ("?1049", "1;31", ""). */
  csi(final: string, params: string): void;
}

const enum State {
  Ground,
  Escape,
  Csi,
  Osc,
  OscEscape,
  Charset,
}

/**
 * A sequence's parameters are kept up to this length, the rest dropped until its final byte: a
 * program's `ESC [` followed by megabytes of `;` would otherwise be held whole (xterm keeps 32).
 */
const MAX_PARAMS_LENGTH = 256;

/** A byte-at-a-time state machine, so sequences split across writes are put back together. */
export class VtParser {
  private state = State.Ground;
  private params = "";

  constructor(private readonly handler: VtHandler) {}

  write(text: string): void {
    for (const ch of text) this.feed(ch);
  }

  private feed(ch: string): void {
    const code = ch.codePointAt(0) ?? 0;
    switch (this.state) {
      case State.Escape:
        return this.afterEscape(ch);
      case State.Csi:
        if (code >= 0x40 && code <= 0x7e) {
          this.state = State.Ground;
          this.handler.csi(ch, this.params);
        } else if (code >= 0xa0) {
          // A character past ASCII abandons the sequence, and is dropped (as xterm does).
          this.state = State.Ground;
        } else if (this.params.length < MAX_PARAMS_LENGTH) this.params += ch;
        return;
      case State.Osc:
        // Window titles and the like: nothing a screen shows.
        if (code === 0x07) this.state = State.Ground;
        else if (code === 0x1b) this.state = State.OscEscape;
        return;
      case State.OscEscape:
        this.state = ch === "\\" ? State.Ground : State.Osc;
        return;
      case State.Charset:
        // The character set chosen: a UTF-8 console keeps its own.
        this.state = State.Ground;
        return;
    }
    if (code === 0x1b) this.state = State.Escape;
    else if (code < 0x20) this.handler.control(code);
    else if (code !== 0x7f) this.handler.print(ch);
  }

  private afterEscape(ch: string): void {
    this.state = State.Ground;
    if (ch === "[") {
      this.state = State.Csi;
      this.params = "";
    } else if (ch === "]") this.state = State.Osc;
    else if ("()*+".includes(ch)) this.state = State.Charset;
    else this.handler.escape(ch);
  }
}

/** A CSI's parameters: its private-marker prefix (`?`, `>`, `=`) if any, and its numbers (NaN if left out). */
export function csiParams(raw: string): { prefix: string; nums: number[] } {
  const prefix = /^[?>=]/.test(raw) ? raw[0] : "";
  return { prefix, nums: (prefix ? raw.slice(1) : raw).split(";").map((p) => Number.parseInt(p, 10)) };
}
