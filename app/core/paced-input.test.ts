import { describe, expect, it } from "vitest";
import { PacedInput } from "./paced-input";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A port the guest reads `n` bytes from at a time. */
function port() {
  const queue: number[] = [];
  return {
    queue,
    input: new PacedInput(
      (b) => queue.push(...b),
      () => queue.length,
      8,
    ),
    read(n: number) {
      return new TextDecoder().decode(Uint8Array.from(queue.splice(0, n)));
    },
  };
}

describe("PacedInput", () => {
  it("hands typing over at once while the port has room", () => {
    const p = port();
    p.input.send(bytes("ls\r"));
    expect(p.read(99)).toBe("ls\r");
    expect(p.input.pending).toBe(0);
  });

  it("keeps the port at most a window ahead of the guest, in order, nothing lost", () => {
    const p = port();
    p.input.send(bytes("echo 1\recho 2\r"));
    p.input.send(bytes("echo 3\r"));
    expect(p.queue).toHaveLength(8);
    let got = "";
    while (p.queue.length > 0) {
      got += p.read(3);
      p.input.pump();
      expect(p.queue.length).toBeLessThanOrEqual(8);
    }
    expect(got).toBe("echo 1\recho 2\recho 3\r");
  });

  it("drops what the port was not given yet when Ctrl+C comes, and sends the Ctrl+C at once", () => {
    const p = port();
    p.input.send(bytes("echo 1\recho 2\recho 3\r"));
    p.input.send(bytes("\u0003"));
    // What the port already holds stays (the guest's own line discipline flushes it on SIGINT).
    expect(p.read(99)).toBe("echo 1\re\u0003");
    p.input.pump();
    expect(p.read(99)).toBe("");
    expect(p.input.pending).toBe(0);
    // Typing goes on as before.
    p.input.send(bytes("ok\r"));
    expect(p.read(99)).toBe("ok\r");
  });
});

describe("PacedInput and the terminal's own replies", () => {
  it("sends a reply to the guest's question at once, ahead of a paste's rest", () => {
    const p = port();
    p.input.send(bytes("echo 1\recho 2\r"));
    p.input.send(bytes("\u001b[5;17R"));
    expect(p.read(99)).toBe("echo 1\re\u001b[5;17R");
    p.input.pump();
    expect(p.read(99)).toBe("cho 2\r");
  });
});

describe("PacedInput, called again from inside a delivery", () => {
  it("gives each byte once (v86 wakes the guest for new bytes, and its scheduler pumps)", () => {
    const got: number[] = [];
    const input: PacedInput = new PacedInput(
      (b) => {
        got.push(...b);
        input.pump();
      },
      () => 0,
      4,
    );
    input.send(bytes("abcdefghij"));
    expect(new TextDecoder().decode(Uint8Array.from(got))).toBe("abcdefghij");
  });
});
