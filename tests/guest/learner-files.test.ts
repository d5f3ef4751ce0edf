// The agent tells the page when files the learner made exist (leaving the page would lose them).
import { describe, expect, it } from "vitest";
import type { GuestEvent } from "../../app/core/protocol";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

/** The files events since `from` (an index into guest.events), as their `written` values. */
const said = (from: number) =>
  guest.events.slice(from).flatMap((e: GuestEvent) => (e.type === "files" ? [e.written] : []));

/** Runs `command`, then waits for the agent's next files event saying `written`. */
async function expectFiles(command: string, written: boolean): Promise<void> {
  const from = guest.events.length;
  expect((await guest.run(command)).status, command).toBe(0);
  await guest.waitForEvent("files", (e) => e.written === written, from);
}

describe("the learner's files", () => {
  it("are none in a guest as it started, whatever commands run in it", async () => {
    const from = guest.events.length;
    // Longer than the agent's count takes to come round (a second), commands and a new shell in it.
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    await guest.run("ls -l / /tmp > /dev/null; setexe --help > /dev/null; sleep 2");
    expect(said(from)).toEqual([]);
    // Asked (every hello: a page that was not listening yet missed the last word), it says none.
    await guest.agent.request({ type: "hello" });
    await guest.waitForEvent("files", () => true, from);
    expect(said(from)).toEqual([false]);
  });

  it("are said to exist once a file is made in /tmp or a home, and not once it is removed", async () => {
    await expectFiles("cp /bin/busybox /tmp/mine", true);
    await expectFiles("rm /tmp/mine", false);
    // A directory on the root file system (uid 1000's home) counts too.
    await expectFiles("mkdir ~/work", true);
    await expectFiles("rmdir ~/work", false);
  });

  it("are said again at every hello, as they stand", async () => {
    await expectFiles("cp /bin/busybox /tmp/mine", true);
    const from = guest.events.length;
    await guest.agent.request({ type: "hello" });
    await guest.waitForEvent("files", () => true, from);
    expect(said(from)).toEqual([true]);
    await expectFiles("rm /tmp/mine", false);
  });

  it("count root's writes on the noexec mount and in /dev", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    await expectFiles("echo '#!/bin/sh' > /mnt/noexec/script", true);
    await expectFiles("rm /mnt/noexec/script", false);
    await expectFiles("echo notes > /dev/notes", true);
    await expectFiles("rm /dev/notes", false);
  });
});
