// The output path into xterm: the guest's binary is marked, the page's own note after a flood is not.
import { describe, expect, it } from "vitest";
import { OutputPath } from "./output-path";

describe("OutputPath", () => {
  it("writes the note on a skipped binary flood as it is: its character-set reset acted on, not marked", () => {
    const path = new OutputPath(() => undefined);
    const shown: string[] = [];
    const waiting: Array<() => void> = [];
    path.handOver((bytes, parsed) => {
      shown.push(new TextDecoder().decode(bytes));
      waiting.push(parsed);
    });
    // Broken UTF-8 throughout, as from /dev/urandom: 640 KB, more than xterm is let fall behind by.
    const flood = Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i % 3 === 0 ? 0xff : 0x61));
    for (let i = 0; i < 10; i++) path.push(flood);
    while (waiting.length > 0) waiting.shift()?.();
    const note = shown.find((text) => text.includes("[exelab:"));
    expect(note).toContain("\u001b[!p\u001b(B\u000f\r\n");
    expect(note).not.toContain("\uFFFD");
    // The flood's end after it is the guest's: still marked.
    expect(shown.at(-1)).toContain("\uFFFD");
  });
});
