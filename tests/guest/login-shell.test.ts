// What a login shell shows: its prompt, in every kind of shell, and the welcome text at the terminal's width.
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
