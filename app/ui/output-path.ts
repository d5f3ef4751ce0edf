// The guest's output on its way to the terminal views: counts capped, binary's characters marked,
// kept for xterm to replay until it takes over, and from then on a flood it cannot keep up with skipped.
import { BinaryGlyphs } from "./binary-glyphs";
import { CsiCountClamp } from "./csi-clamp";
import { OutputValve, type ParsingWrite } from "./output-valve";
import { ReplayLog } from "./replay-log";

export class OutputPath {
  /** What the guest has written so far, for xterm to replay when it takes over. */
  readonly log = new ReplayLog();
  /** Huge counts in control sequences capped before either view parses them (csi-clamp.ts). */
  private readonly clamp = new CsiCountClamp();
  /** Binary output's characters drawn as one mark, not looked up in the fonts one by one. */
  private readonly glyphs = new BinaryGlyphs();
  private valve: OutputValve | undefined;

  /** `write`: the light screen's, until handOver. */
  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  push(raw: Uint8Array): void {
    // Filtered as the valve lets it through: the skipped part of a flood costs nothing.
    if (this.valve) return this.valve.push(raw);
    const bytes = this.filtered(raw);
    // Until xterm has taken over, it will need every byte to show the same screen.
    this.log.push(bytes);
    this.write(bytes);
  }

  /** xterm shows the terminal from now on (the log replayed into it). */
  handOver(write: ParsingWrite): void {
    this.valve = new OutputValve((bytes, parsed) => write(this.filtered(bytes), parsed), write);
  }

  private filtered(raw: Uint8Array): Uint8Array {
    return this.glyphs.filter(this.clamp.filter(raw));
  }
}
