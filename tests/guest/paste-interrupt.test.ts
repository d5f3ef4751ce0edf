// Ctrl+C after a long paste: what the guest has not read of it is dropped, and the ^C acts at once.
import { describe, expect, it } from "vitest";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

const LINES = 150;
const send = (text: string) => guest.session.sendConsole(new TextEncoder().encode(text));
/** The numbers of the paste's lines that ran, in the console since `from`. */
const ran = (from: number) =>
  [...guest.console.slice(from).matchAll(/^pasted-(\d+)/gm)].map((m) => Number(m[1]));

/** 150 lines of 20 ms each: some 6 s of work, which the shell reads a line at a time. */
async function pasteAndWait(): Promise<number> {
  const from = guest.console.length;
  send(Array.from({ length: LINES }, (_, i) => `usleep 20000; echo pasted-${i}\n`).join(""));
  await guest.waitFor("the paste's first lines", () => ran(from).includes(3) || undefined);
  return from;
}

describe("Ctrl+C after a long paste", () => {
  it("typed, waits behind the paste: the kernel holds the rest of it (so the page must do more)", async () => {
    const from = await pasteAndWait();
    guest.session.dropConsoleInput();
    send("\u0003");
    await guest.run("echo behind-$((6*7))", 30_000);
    expect(Math.max(...ran(from))).toBe(LINES - 1);
  });

  it("by the agent's interrupt, drops the unread rest and interrupts at once", async () => {
    const from = await pasteAndWait();
    guest.session.dropConsoleInput();
    await guest.agent.request({ type: "interrupt" }, 5000);
    const { output } = await guest.run("echo after-$((6*7))", 5_000);
    expect(output).toContain("after-42");
    expect(Math.max(...ran(from))).toBeLessThan(LINES / 2);
    // As for the key: the line discipline echoed it.
    expect(guest.console.slice(from)).toContain("^C");
  });
});
