// What a login shell shows: its prompt, in every kind of shell, and the welcome text at the terminal's width.
import { Terminal } from "@xterm/xterm";
import { describe, expect, it } from "vitest";
import { wrapScreen } from "../../app/core/word-wrap";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => {
  guest = g;
});

/** Runs `command` with the terminal `cols` wide, then puts back the harness's width (bootTestGuest's). */
async function atWidth(cols: number, command: string): Promise<string> {
  const { output } = await guest.run(`stty cols ${cols}; ${command}; stty cols 400`);
  return output;
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "");

/** Every row `text` leaves in a terminal `cols` wide (scrollback first), as xterm draws them. */
async function rowsOf(text: string, cols: number): Promise<string[]> {
  const term = new Terminal({ cols, rows: 24, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(text, resolve));
  const b = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < b.length; y++) rows.push(b.getLine(y)?.translateToString(true).trimEnd() ?? "");
  term.dispose();
  return rows;
}

describe("the prompt (/etc/shrc)", () => {
  it("the prompt shortens the learner's home to ~ in a namespace shell too, and nothing else", async () => {
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    /** The prompt after `command`, which follows the command's own output. */
    const promptAfter = async (command: string, prompt: string) => {
      const from = guest.console.length;
      await guest.run(command);
      await guest.waitFor(prompt, () => (guest.console.slice(from).includes(prompt) ? true : undefined));
    };
    // busybox's \w shortens the home of uid 0 in /etc/passwd, /root: it showed /home/learner.
    await promptAfter("cd", "[uid 0 (userns)] ~ # ");
    await promptAfter("cd /tmp", "[uid 0 (userns)] /tmp # ");
    await guest.run("cd");
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    await promptAfter("cd", "[uid 1000] ~ $ ");
  });
});

describe("BusyBox's own words, at the terminal's width", () => {
  it("ash's greeting to a new shell is broken at words on a terminal narrower than it, after any output", async () => {
    // ash greets before it reads /etc/profile, at 68 columns or so: at a big font it broke mid-word.
    const first = (await guest.run("busybox | head -n 1")).output.trim();
    const greet1 = first.replace(/ multi-call binary\.$/, " built-in shell (ash)");
    expect(greet1).toMatch(/^BusyBox v\S+ \(.*\) built-in shell \(ash\)$/);
    // wrapScreen leaves its text's last line (a prompt) as it is: the greeting ends in a line break.
    const greeting = `${greet1}\r\nEnter 'help' for a list of built-in commands.\r\n`;
    try {
      for (const cols of [30, 41, greet1.length - 1, greet1.length, 120]) {
        // The page's resize, which the agent gives each new shell's terminal.
        await guest.agent.request({ type: "winsize", rows: 24, cols });
        const from = guest.console.length;
        const events = guest.events.length;
        await guest.agent.request({ type: "shell", identity: { uid: 0, caps: [], userns: false } }, 10_000);
        await guest.waitForEvent("identity", () => true, events);
        // Nothing typed until the prompt (applyIdentity types at once, and the tty echoes it early).
        await guest.atPrompt();
        // Drawn after 30 rows of earlier output: the greeting arrives at the screen's foot, scrolling.
        const rows = await rowsOf("earlier\r\n".repeat(30) + guest.console.slice(from), cols);
        const at = rows.findIndex((r) => r.startsWith("BusyBox v"));
        const seen = `${cols} columns: ${JSON.stringify(rows.slice(at - 4, at + 8))}`;
        const wrapped = wrapScreen(greeting, cols).split("\r\n").slice(0, -1);
        expect(rows.slice(at, at + wrapped.length), `${cols} columns`).toEqual(wrapped);
        // Once, two empty rows after the agent's note, one before the prompt; no row of it left over.
        expect(rows.filter((r) => r.includes("BusyBox v")).length, `${cols} columns`).toBe(1);
        expect(rows.filter((r) => r.endsWith("commands.")).length, `${cols} columns`).toBe(1);
        expect(rows.slice(at - 2, at), seen).toEqual(["", ""]);
        expect(rows[at - 3], seen).toMatch(/\S/);
        expect(rows[at + wrapped.length], seen).toBe("");
        expect(rows[at + wrapped.length + 1], seen).toMatch(/^\[uid 0\] ~ #$/);
        for (const row of rows) expect(row.length, `${cols} columns`).toBeLessThanOrEqual(cols);
      }
    } finally {
      await guest.agent.request({ type: "winsize", rows: 50, cols: 400 }); // as bootTestGuest leaves it
      await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    }
  });

  it("help's list of names is broken at names, tabs counted as the columns they take", async () => {
    const whole = (await guest.run("command help")).output;
    const narrow = await atWidth(44, "help");
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== "");
    expect(words(narrow)).toEqual([
      ...words(whole),
      ...words("exelab's tools: setexe, caps, runas, masquerade (each with --help)."),
    ]);
    expect(whole).toContain("\t");
    expect(narrow).not.toContain("\t");
    for (const row of narrow.split("\n")) expect(row.length).toBeLessThanOrEqual(44);
    // Wide enough, its rows are busybox's own, the tab spread to the first stop.
    expect(await atWidth(400, "help")).toContain(whole.replace(/\t/g, "        "));
  });
});

describe("the welcome text (/etc/profile)", () => {
  it("is wrapped by the guest exactly as the page wraps the saved screen's copy, at every width", async () => {
    const motd = (await guest.run("cat /etc/motd")).output;
    // One guest run for all the widths: each is a line "== N" and the text as the profile prints it.
    const widths = [0, 7, 8, 12, 20, 30, 36, 40, 44, 52, 60, 66, 72, 79, 80];
    const script = `for w in ${widths.join(" ")}; do echo "== $w"; awk -v size="24 $w" -f /usr/share/exelab/wrap.awk /etc/motd; done`;
    const printed = (await guest.run(script)).output.split(/^== (\d+)\n/m).slice(1);
    expect(printed.length).toBe(widths.length * 2);
    for (let i = 0; i < widths.length; i++) {
      const cols = widths[i] ?? 0;
      const page = wrapScreen(motd.replace(/\n/g, "\r\n"), cols).replace(/\r\n/g, "\n");
      expect(Number(printed[2 * i]), "width").toBe(cols);
      expect(printed[2 * i + 1], `${cols} columns`).toBe(page);
    }
    // Some widths do wrap, and none leaves a row wider than the terminal.
    expect(printed[widths.indexOf(40) * 2 + 1]).not.toBe(motd);
    for (const line of lines(printed[widths.indexOf(40) * 2 + 1] ?? ""))
      expect(line.length).toBeLessThanOrEqual(40);
  });

  it("is printed by the first shell, and a shell on a cleared screen, not by each shell Apply makes", async () => {
    // A login shell the agent did not ask to welcome prints nothing of it.
    expect((await guest.run("sh -l -c true")).output).toBe("");
    const from = guest.console.length;
    await guest.applyIdentity({ uid: 0, caps: [], userns: false });
    await guest.run("true");
    const applied = guest.console.slice(from);
    expect(applied).toContain("---- new shell: uid 0");
    expect(applied).not.toContain("Try:");
    // The page's own start-up clears the screen for its shell: the welcome is all there is to read.
    const cleared = guest.console.length;
    await guest.agent.request(
      { type: "shell", identity: { uid: 1000, caps: [], userns: false }, clear: true },
      10_000,
    );
    await guest.waitFor("the welcome", () =>
      guest.console.slice(cleared).includes("Try:") ? true : undefined,
    );
  });

  it("takes the terminal's size from the agent (EXELAB_SIZE), not from one more exec of stty", async () => {
    try {
      await guest.agent.request({ type: "winsize", rows: 24, cols: 44 });
      await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
      // The shell's environment as the agent passed it; the profile then unsets it.
      const given = await guest.run(
        "tr '\\0' '\\n' < /proc/$$/environ | grep ^EXELAB_SIZE=; echo \"[${EXELAB_SIZE-unset}]\"",
      );
      expect(given.output.trim().split("\n")).toEqual(["EXELAB_SIZE=24 44", "[unset]"]);
    } finally {
      await guest.agent.request({ type: "winsize", rows: 50, cols: 400 }); // as bootTestGuest leaves it
      await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    }
    // Given, it is the width the welcome is wrapped to, whatever stty would say (400 here).
    const motd = (await guest.run("cat /etc/motd")).output;
    expect((await guest.run('EXELAB_SIZE="24 44" EXELAB_WELCOME=1 sh -l -c true')).output).toBe(
      wrapScreen(motd.replace(/\n/g, "\r\n"), 44).replace(/\r\n/g, "\n"),
    );
  });

  it("is what a login shell prints, at the terminal's width", async () => {
    const motd = (await guest.run("cat /etc/motd")).output;
    // The profile runs awk only below the widest line's width (cat above it): both sides of that.
    const widest = Math.max(...lines(motd).map((l) => l.length));
    for (const cols of [44, widest - 1, widest, widest + 1, 400]) {
      expect(await atWidth(cols, "EXELAB_WELCOME=1 sh -l -c true"), `${cols} columns`).toBe(
        wrapScreen(motd.replace(/\n/g, "\r\n"), cols).replace(/\r\n/g, "\n"),
      );
    }
  });
});
