// The era chosen in the page, said in the terminal by the agent: only at the shell's prompt, the typed
// line drawn again under the note (wrapped too), never into a program's screen.
import { describe, expect, it } from "vitest";
import { procsEvent } from "../../app/core/protocol";
import { ScreenGrid } from "../../app/ui/screen-grid";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

describe("the era's note", () => {
  it("an era chosen in the page is said in the terminal, only at the prompt, the typed line kept", async () => {
    const NOTE = "---- the kernel now follows the 2014 rules (chosen in the page)";
    const send = (text: string) => guest.session.sendConsole(new TextEncoder().encode(text));
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    await guest.agent.request({ type: "era", year: 2020 }); // whatever an earlier test left
    await guest.atPrompt();
    // Half a line typed: the note comes on a line of its own and the line editor draws the prompt
    // and the half line again under it, where the next keys go on.
    let from = guest.console.length;
    send("echo half");
    await guest.waitFor("the typed text", () =>
      guest.console.slice(from).includes("echo half") ? true : undefined,
    );
    from = guest.console.length;
    await guest.agent.request({ type: "era", year: 2014, say: true });
    // As a terminal shows it (the line editor may draw the line in pieces, with erasures between).
    await guest.waitFor("the note and the line under it", () => {
      const screen = new ScreenGrid(400, 50);
      screen.write(guest.console.slice(from));
      const rows = screen.lines().filter((l) => l !== "");
      const note = rows.findIndex((l) => l.startsWith(NOTE));
      return note >= 0 && rows.slice(note + 1).some((l) => /\$ echo half$/.test(l)) ? true : undefined;
    });
    expect((await guest.run(" more")).output.trim()).toBe("half more");
    // Not said: the same era again, and one the page sets up without the learner (no say=1).
    from = guest.console.length;
    await guest.agent.request({ type: "era", year: 2014, say: true });
    await guest.agent.request({ type: "era", year: 2016 });
    await guest.run("true");
    expect(guest.console.slice(from)).not.toContain("---- the kernel now follows");
    // Chosen while a program holds the terminal (it may be vi, whose screen a note would garble):
    // said once the shell has it back, under the program's output, with the prompt drawn again.
    await catRuns(send);
    await guest.agent.request({ type: "era", year: 2020, say: true });
    await new Promise((r) => setTimeout(r, 1000));
    expect(guest.console.slice(from)).not.toContain("---- the kernel now follows");
    send("\u0004");
    await guest.waitFor("the note after the program", () => {
      const screen = new ScreenGrid(400, 50);
      screen.write(guest.console.slice(from));
      const rows = screen.lines().filter((l) => l !== "");
      const note = rows.findIndex((l) => l.startsWith("---- the kernel now follows the 2020 rules"));
      return note >= 0 && /\$\s*$/.test(rows[note + 1] ?? "") ? true : undefined;
    });
    expect((await guest.run("cat /proc/sys/kernel/exe_link_era")).output.trim()).toBe("2020");
    // Switched and switched back while the program ran: nothing changed, nothing to say.
    from = guest.console.length;
    await catRuns(send);
    await guest.agent.request({ type: "era", year: 2017, say: true });
    await guest.agent.request({ type: "era", year: 2020, say: true });
    send("\u0004");
    await guest.run("true");
    await new Promise((r) => setTimeout(r, 1000));
    expect(guest.console.slice(from)).not.toContain("---- the kernel now follows");
  });

  it("an era's note under a typed line that wraps: the line editor draws it again below the note, not over it", async () => {
    const send = (text: string) => guest.session.sendConsole(new TextEncoder().encode(text));
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    await guest.agent.request({ type: "era", year: 2020 });
    await guest.agent.request({ type: "winsize", rows: 24, cols: 40 });
    try {
      await wrappedLineNote(send);
    } finally {
      send("\u0015");
      await guest.agent.request({ type: "era", year: 2020 });
      await guest.agent.request({ type: "winsize", rows: 50, cols: 400 }); // as bootTestGuest leaves it
    }
  });
});

/** `cat` started at the prompt, holding the terminal, as the agent's process list shows it. */
async function catRuns(send: (text: string) => void): Promise<void> {
  send("cat\n");
  await expect
    .poll(async () =>
      procsEvent(await guest.agent.request({ type: "ps" })).list.some((p) => p.comm === "cat"),
    )
    .toBe(true);
}

/** The wrapped-line case of the era's note, in the 40 × 24 terminal the caller set up. */
async function wrappedLineNote(send: (text: string) => void): Promise<void> {
  await guest.run("clear");
  const from = guest.console.lastIndexOf("\u001b[J") + 3;
  // The prompt (15 columns) and 50 typed: the cursor on the line's second row.
  const typed = `echo ${"y".repeat(45)}`;
  await guest.atPrompt();
  send(typed);
  // Echoed whole (busybox breaks it at the edge itself, so the y's come in two runs).
  const ys = () => guest.console.slice(from).split("y").length - 1;
  await guest.waitFor("the typed line", () => (ys() >= 45 ? true : undefined));
  await guest.agent.request({ type: "era", year: 2014, say: true, up: 1 });
  // What a 40-column terminal shows, drawn by the page's own screen model, once the line is drawn
  // again: the note whole (on two rows here, the second under its text), then the prompt and the
  // typed line, on two rows.
  const shown = () => {
    const screen = new ScreenGrid(40, 24);
    screen.write(guest.console.slice(from));
    return screen.lines().filter((l) => l !== "");
  };
  const rows = await guest.waitFor("the line drawn again under the note", () => {
    const now = shown();
    const note = now.findIndex((l) => l.startsWith("---- the kernel now follows the 2014"));
    return note > 0 && now.slice(note + 2).join("") === `[uid 1000] ~ $ ${typed}`
      ? now.slice(note)
      : undefined;
  });
  expect(rows.slice(0, 2).join(" ").replace(/ +/g, " ")).toMatch(
    /the 2014 rules \(chosen in the page\)( ----)?$/,
  );
}
