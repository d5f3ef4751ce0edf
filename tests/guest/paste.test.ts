// A long paste into the real guest's terminal, and Ctrl+C typed while it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootTestGuest, type TestGuest } from "./guest-vm";

let guest: TestGuest;
beforeAll(async () => {
  guest = await bootTestGuest();
});
afterAll(async () => {
  await guest?.dispose();
});

const type = (text: string) => guest.session.sendConsole(new TextEncoder().encode(text));
/**
 * The numbers the shell printed for `tag`, in order: each ends a line, and is not the echo of a
 * command line (those hold "echo "). Lines typed ahead are echoed by the kernel as they arrive, so
 * an output may share its line with one.
 */
const printed = (text: string, tag: string) =>
  [...text.matchAll(new RegExp(`(?<!echo )${tag}-(\\d{4})(?=\r?\n)`, "g"))].map((m) => Number(m[1]));
/** 2000 numbered commands, ~30 KB: a paste that takes the guest many seconds to run. */
const paste = (tag: string) =>
  Array.from({ length: 2000 }, (_, i) => `echo ${tag}-${String(i).padStart(4, "0")}\n`).join("");

describe("a long paste", () => {
  it("runs whole, in order, when nothing stops it", async () => {
    type(paste("whole"));
    await guest.waitFor(
      "the paste's last line",
      () => (/\nwhole-1999\r?\n/.test(guest.console) ? true : undefined),
      120_000,
    );
    expect(printed(guest.console, "whole")).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it("stops at Ctrl+C: the rest is dropped, as a terminal flushes its input, and the shell reads on", async () => {
    const from = guest.console.length;
    type(paste("stop"));
    await guest.waitFor("the paste to run", () =>
      /stop-0010/.test(guest.console.slice(from)) ? true : undefined,
    );
    type("\u0003");
    // The next command runs soon after, with the rest of the paste left out.
    type("echo after-$((6*7))\n");
    await guest.waitFor(
      "the command after Ctrl+C",
      () => (/\nafter-42/.test(guest.console.slice(from)) ? true : undefined),
      30_000,
    );
    expect(printed(guest.console.slice(from), "stop").length).toBeLessThan(1000);
    expect(guest.console.slice(from)).not.toMatch(/stop-1999/);
  });
});
