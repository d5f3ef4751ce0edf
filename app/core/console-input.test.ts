// Tests where typed keys go: the open shell, or a queue, and never nowhere.
import { describe, expect, it } from "vitest";
import type { GuestSession } from "./session-launcher";
import { ConsoleInput } from "./console-input";

/** A stand-in session that records what it was sent. */
function session(): { session: GuestSession; sent: string[] } {
  const sent: string[] = [];
  const s = { sendConsole: (bytes: Uint8Array) => sent.push(new TextDecoder().decode(bytes)) };
  return { session: s as unknown as GuestSession, sent };
}

describe("ConsoleInput", () => {
  it("holds keys until a shell is open, then gives them in order", () => {
    const input = new ConsoleInput(() => true);
    input.type("ec");
    input.type("ho");
    const a = session();
    input.open(a.session);
    input.type(" hi");
    expect(a.sent).toEqual(["ec", "ho", " hi"]);
  });

  it("gives keys an unconfirmed shell had to the next shell when that one is gone", () => {
    let up = false;
    const input = new ConsoleInput(() => up);
    const restored = session();
    input.open(restored.session);
    input.type("ls\r");
    // The restored guest fails before it answered (and so does what replaced it): teardown.
    input.reclaim();
    input.type("id\r");
    up = true;
    const next = session();
    input.open(next.session);
    expect(next.sent).toEqual(["ls\r", "id\r"]);
  });

  it("does not give a confirmed shell's keys again", () => {
    let up = false;
    const input = new ConsoleInput(() => up);
    const first = session();
    input.open(first.session);
    input.type("ls\r");
    up = true;
    input.confirm();
    input.reclaim();
    const next = session();
    input.open(next.session);
    expect(next.sent).toEqual([]);
  });
});
