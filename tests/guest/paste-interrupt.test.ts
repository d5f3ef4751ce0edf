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
  // Some line from the fourth on: one line's output may be glued to the kernel's echo of the typed-ahead
  // rest (a clean-clone CI run saw every line run, and "pasted-3" never at a line's start).
  await guest.waitFor("the paste's first lines", () => ran(from).some((n) => n >= 3) || undefined);
  return from;
}

describe("a paste larger than the kernel reads for one interrupt (512 × 256 bytes)", () => {
  it("goes in whole, and the console answers after it", async () => {
    const big =
      Array.from({ length: 3000 }, (_, i) => `line ${i} ${"abcdefghij".repeat(4)}`).join("\n") + "\n";
    expect(big.length).toBeGreaterThan(512 * 256);
    const from = guest.console.length;
    // Not echoed: 150 KB written back would only slow the test down.
    send("stty -echo; cat > /tmp/big; stty echo; echo got-$(wc -c < /tmp/big)-bytes\n");
    send(big + "\u0004");
    const got = await guest.waitFor(
      "the paste's size",
      () => /got-(\d+)-bytes/.exec(guest.console.slice(from))?.[1],
      60_000,
    );
    expect(Number(got)).toBe(big.length);
    const { output } = await guest.run("rm /tmp/big; echo after-$((6*7))", 10_000);
    expect(output).toContain("after-42");
  });
});

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
    const answer = await guest.agent.request({ type: "interrupt", before: Date.now() + 5000 }, 5000);
    expect(answer.done).toBe("1");
    guest.session.dropConsoleInput();
    const { output } = await guest.run("echo after-$((6*7))", 5_000);
    expect(output).toContain("after-42");
    expect(Math.max(...ran(from))).toBeLessThan(LINES / 2);
    // As for the key: the line discipline echoed it.
    expect(guest.console.slice(from)).toContain("^C");
  });

  it("does nothing where ^C is a key like any other (stty -isig): the paste goes in whole", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line-${i}`);
    // stty -isig: what vi and other full-screen programs set; cat copies what is typed to a file.
    const from = guest.console.length;
    send(`stty -isig; echo reading; cat > /tmp/typed\n`);
    await guest.waitFor("cat to read", () => /^reading\r?$/m.test(guest.console.slice(from)) || undefined);
    send(lines.join("\n") + "\n");
    const answer = await guest.agent.request({ type: "interrupt", before: Date.now() + 5000 }, 5000);
    expect(answer.done).toBe("0");
    // Ctrl+D ends cat; the terminal is as it was after.
    send("\u0004");
    await guest.atPrompt();
    const { output } = await guest.run("stty isig; wc -l < /tmp/typed");
    expect(output.trim()).toBe("40");
  });

  it("does nothing in vi, which reads keys raw: the pasted text goes in whole", async () => {
    const from = guest.console.length;
    send("vi /tmp/edited\n");
    // Its screen (the alternate one, its empty lines "~"), not the command's echo: vi reads the keys then.
    await guest.waitFor("vi's screen", () => /\?1049h[^]*~/.test(guest.console.slice(from)) || undefined);
    send("i" + Array.from({ length: 40 }, (_, i) => `text-${i}`).join("\n") + "\n");
    const answer = await guest.agent.request({ type: "interrupt", before: Date.now() + 5000 }, 5000);
    expect(answer.done).toBe("0");
    // Escape on its own: followed at once by ":", busybox vi takes it for an escape sequence.
    send("\u001b");
    await new Promise((resolve) => setTimeout(resolve, 500));
    send(":wq\n");
    await guest.atPrompt();
    const { output } = await guest.run("grep -c text- /tmp/edited");
    expect(output.trim()).toBe("40");
  });

  it("does nothing once the page's deadline has passed: the page typed the key itself by then", async () => {
    await expect(
      guest.agent.request({ type: "interrupt", before: Date.now() - 60_000 }, 5000),
    ).rejects.toMatchObject({ code: "ETIME" });
    const { output } = await guest.run("echo still-$((6*7))");
    expect(output).toContain("still-42");
  });
});
