// What root can undo under the lab is put back, and said: the control line's raw mode and its only
// reader, /proc, a stopped shell. And an exe link too long for the process table keeps its end (the
// file's name).
import { describe, expect, it } from "vitest";
import { procsEvent, type Identity } from "../../app/core/protocol";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

/** The only identity that may open the control line (cap_dac_override: it belongs to uid 999). */
const ROOT_ALL: Identity = { uid: 0, caps: "all", userns: false };
const LEARNER: Identity = { uid: 1000, caps: [], userns: false };

/** Waits for the agent's "---- …" line in the terminal that starts with `words`, and the shell's
 * prompt drawn again under it (the next command is not typed on a bare line; the line editor's redraw
 * ends by clearing the rest of the screen, a fresh prompt by asking where the cursor is). */
const note = (words: string, from: number, timeoutMs?: number) =>
  guest.waitFor(
    `the note "${words}" and a prompt under it`,
    () => {
      const after = guest.console.slice(from).split(`---- ${words}`)[1];
      return after !== undefined &&
        /\n[^\n]*\] [^\n]* [#$] $/.test(
          after.replace(/\r/g, "").replaceAll("\u001b[J", "").replaceAll("\u001b[6n", ""),
        )
        ? true
        : undefined;
    },
    timeoutMs,
  );

describe("put back", () => {
  it("the control line changed with stty answers again, raw", async () => {
    await guest.applyIdentity(ROOT_ALL);
    // Cooked (echo, lines), then deaf (no receiver, reads waiting for 5 bytes).
    for (const change of ["echo icanon", "-cread min 5"]) {
      const from = guest.console.length;
      await guest.run(`stty -F /dev/ttyS1 ${change}`);
      await note("the lab's control line (/dev/ttyS1) was changed with stty: set back", from);
      // Requests made after it are answered (one made while it was changed would have been lost).
      await expect(guest.agent.request({ type: "hello" }), change).resolves.toMatchObject({ v: "1" });
    }
    const settings = (await guest.run("stty -F /dev/ttyS1 -a")).output;
    for (const raw of [/ -echo /, / -icanon /, / cread /, / min = 1;/]) expect(settings).toMatch(raw);
  });

  it("another reader of the control line is ended, and the agent hears the page again", async () => {
    await guest.applyIdentity(ROOT_ALL);
    const from = guest.console.length;
    // What cat reads, the agent never hears: a page asking meanwhile heard nothing back.
    await guest.run("cat /dev/ttyS1 > /dev/null & echo started");
    // Looked for after 6 s without a byte from the page, at the next upkeep (every 2 s).
    await note("the lab's control line (/dev/ttyS1) was read by cat (pid ", from, 40_000);
    await expect(guest.agent.request({ type: "hello" })).resolves.toMatchObject({ v: "1" });
    expect((await guest.run("pidof cat || echo no-cat")).output).toContain("no-cat");
  });

  it("/proc unmounted is mounted again", async () => {
    await guest.applyIdentity(ROOT_ALL);
    const from = guest.console.length;
    expect((await guest.run("umount /proc && echo gone")).output).toContain("gone");
    await note("/proc was unmounted: mounted again", from);
    expect((await guest.run("cat /proc/self/stat | cut -d' ' -f2")).output.trim()).toBe("(cat)");
  });

  it("the shell stopped with SIGSTOP goes on, and what was typed meanwhile runs", async () => {
    await guest.applyIdentity(LEARNER);
    const from = guest.console.length;
    // One line: the shell stops in it, and the echo after the kill runs once it is continued.
    expect((await guest.run("kill -STOP $$; echo went-on")).output).toContain("went-on");
    await note("the shell was stopped (SIGSTOP): continued", from);
  });
});

describe("the process table", () => {
  it("keeps the start and the end of an exe link longer than it holds", async () => {
    // Made in the shell: the path typed out would be longer than a line the shell takes.
    const part = (n: number, c: string) => `$(printf '%${n}s' | tr ' ' ${c})`;
    await guest.run(`d=/tmp/${part(100, "d")}/${part(100, "e")}/${part(80, "f")}`);
    // Removed only once it runs from there (the background start may take a moment).
    await guest.run("mkdir -p $d && cp /bin/busybox $d/sleep && ($d/sleep 61 &)");
    await guest.run("until pidof sleep >/dev/null; do usleep 20000; done; rm $d/sleep");
    const sleeping = async () =>
      procsEvent(await guest.agent.request({ type: "ps" })).list.find((p) => p.comm === "sleep");
    await expect.poll(async () => (await sleeping())?.exe, { timeout: 10_000 }).toMatch(/\(deleted\)$/);
    const sleeper = await sleeping();
    expect(sleeper?.exe).toMatch(/^\/tmp\/d{50,}…e+\/f{80}\/sleep \(deleted\)$/);
    expect(new TextEncoder().encode(sleeper?.exe).length).toBeLessThan(256);
    await guest.run("pkill -f 'sleep 61'; rm -r /tmp/ddd*");
  });
});
