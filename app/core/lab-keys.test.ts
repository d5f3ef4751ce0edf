// Keys typed while the page replaces the shell wait for the new shell's prompt, against stand-in guests.
import { describe, expect, it } from "vitest";
import { fakeSession } from "./fake-guest.fixture";
import { createLab } from "./lab";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";

const manifest = parseManifest(manifestJson);
const BANNER = "\r\n---- new shell: uid 0, all capabilities, initial user namespace ----\r\n";

/**
 * A restored guest whose agent, like the real one, answers `shell` at once and writes the banner and
 * the new shell's prompt only later (the shell still has its start-up to run).
 */
function guestWithSlowShell() {
  const guest = fakeSession({
    silent: false,
    announceReady: false,
    logTyped: true,
    afterReply: (type) => {
      if (type !== "shell") return;
      setTimeout(() => guest.emitConsole(BANNER), 5);
      setTimeout(() => guest.emitConsole("exelab: who may change /proc/self/exe?\r\n"), 10);
      setTimeout(() => guest.emitConsole("[uid 0] ~ # \u001b[6n"), 20);
    },
  });
  return guest;
}

/** The log from the shell request on, without the page's other requests. */
const afterShell = (log: string[]) =>
  log.slice(log.findIndex((l) => l.startsWith("request shell"))).filter((l) => !l.startsWith("request"));

describe("keys typed while the page replaces the shell", () => {
  it("wait for the prompt of the shell the link's identity asks for", async () => {
    const guest = guestWithSlowShell();
    const lab = createLab({
      manifest,
      launcher: { start: async () => guest.session },
      identity: { uid: 0, caps: "all", userns: false },
    });
    const started = lab.start();
    lab.sendTerminalInput("echo hi-there\r");
    await started;
    expect(afterShell(guest.log)).toEqual([
      `console ${BANNER}`,
      "console exelab: who may change /proc/self/exe?\r\n",
      "console [uid 0] ~ # \u001b[6n",
      "typed echo hi-there\r",
    ]);
    expect(guest.typed).toEqual(["echo hi-there\r"]);
    // The page's first shell: on a cleared screen, one welcome (not the saved shell's, then its own).
    expect(guest.log).toContain("request shell clear");
    lab.dispose();
  });

  it("wait for the prompt of a shell the identity panel asks for, and none is lost", async () => {
    const guest = guestWithSlowShell();
    const lab = createLab({ manifest, launcher: { start: async () => guest.session } });
    await lab.start();
    const applied = lab.applyIdentity({ uid: 0, caps: "all", userns: false });
    lab.sendTerminalInput("id -u");
    lab.sendTerminalInput("\r");
    await applied;
    expect(afterShell(guest.log)).toEqual([
      `console ${BANNER}`,
      "console exelab: who may change /proc/self/exe?\r\n",
      "console [uid 0] ~ # \u001b[6n",
      "typed id -u",
      "typed \r",
    ]);
    lab.sendTerminalInput("echo after\r");
    expect(guest.typed).toEqual(["id -u", "\r", "echo after\r"]);
    // Under the old shell's screen, with the agent's note: what came before stays.
    expect(guest.log).toContain("request shell");
    expect(guest.log).not.toContain("request shell clear");
    lab.dispose();
  });

  it("follow the line the old shell had not been given Enter for, typed again into the new one", async () => {
    const guest = guestWithSlowShell();
    const lab = createLab({ manifest, launcher: { start: async () => guest.session } });
    await lab.start();
    let line: string | undefined = "setexe /bin/tr";
    const stopReading = lab.setTypedLineSource(() =>
      line === undefined ? undefined : { text: line, head: "", row: 0 },
    );
    const applied = lab.applyIdentity({ uid: 0, caps: "all", userns: false });
    line = "read too late";
    lab.sendTerminalInput("ue\r");
    await applied;
    expect(afterShell(guest.log).slice(-2)).toEqual(["typed setexe /bin/tr", "typed ue\r"]);
    // Once the terminal is gone (the page torn down), nothing is read from it.
    stopReading();
    await lab.applyIdentity({ uid: 1000, caps: [], userns: false });
    expect(guest.typed).toEqual(["setexe /bin/tr", "ue\r"]);
    lab.dispose();
  });

  it("go to a new shell that never shows a prompt the page knows, after a while", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = createLab({ manifest, launcher: { start: async () => guest.session }, promptTimeoutMs: 50 });
    await lab.start();
    const applied = lab.applyIdentity({ uid: 0, caps: [], userns: true });
    lab.sendTerminalInput("echo hi\r");
    await applied;
    expect(guest.typed).toEqual(["echo hi\r"]);
    lab.dispose();
  });
});

describe("the shell a link's identity asks for", () => {
  it("comes on a cleared screen for the page's first guest only: a fresh one keeps the note on why", async () => {
    const guests = [guestWithSlowShell(), guestWithSlowShell()];
    let n = 0;
    const lab = createLab({
      manifest,
      launcher: { start: async () => guests[n++].session },
      identity: { uid: 0, caps: "all", userns: false },
    });
    await lab.start();
    await lab.start();
    expect(guests[0].log).toContain("request shell clear");
    expect(guests[1].log).toContain("request shell");
    expect(guests[1].log).not.toContain("request shell clear");
    lab.dispose();
  });

  it("comes under the note of a first start that failed, not on a cleared screen", async () => {
    const guest = guestWithSlowShell();
    // Down for the first start (its saved state and its cold boot alike), up for the retry.
    let down = true;
    const lab = createLab({
      manifest,
      launcher: {
        start: async () => {
          if (down) throw new Error("the network went");
          return guest.session;
        },
      },
      identity: { uid: 0, caps: "all", userns: false },
    });
    await lab.start();
    expect(lab.status.get().phase).toBe("error");
    down = false;
    await lab.retry();
    expect(guest.log).toContain("request shell");
    expect(guest.log).not.toContain("request shell clear");
    lab.dispose();
  });
});

describe("the link's command", () => {
  const COMMAND = "setexe --via file /usr/sbin/sshd";

  it("goes once onto the line of the first shell set up as the page asks, its size told first", async () => {
    const guests = [
      fakeSession({ silent: false, announceReady: false, logTyped: true }),
      guestWithSlowShell(),
    ];
    let n = 0;
    const lab = createLab({
      manifest,
      launcher: { start: async () => guests[n++].session },
      command: COMMAND,
    });
    lab.resizeTerminal(24, 60);
    await lab.start();
    const log = guests[0].log;
    // Not at the restore, though the saved shell is the one asked for: a line longer than the saved
    // screen's row would be drawn twice once the shell hears of the terminal's width.
    expect(log.indexOf(`typed ${COMMAND}`)).toBeGreaterThan(log.indexOf("request winsize"));
    expect(guests[0].typed).toEqual([COMMAND]);
    // A fresh guest (a reboot) gets none.
    await lab.start();
    expect(guests[1].typed).toEqual([]);
    lab.dispose();
  });

  it("waits for the prompt of the shell the link's identity asks for", async () => {
    const guest = guestWithSlowShell();
    const lab = createLab({
      manifest,
      launcher: { start: async () => guest.session },
      identity: { uid: 0, caps: "all", userns: false },
      command: COMMAND,
    });
    await lab.start();
    expect(afterShell(guest.log).slice(-2)).toEqual(["console [uid 0] ~ # \u001b[6n", `typed ${COMMAND}`]);
    lab.dispose();
  });

  it("is left out once the visitor has typed, so as not to be glued to their keys; the terminal's answers type nothing", async () => {
    for (const [early, expected] of [
      ["caps\r", ["caps\r"]],
      ["\u001b[5;16R", ["\u001b[5;16R", COMMAND]],
    ] as const) {
      const guest = fakeSession({ silent: false, announceReady: false });
      const lab = createLab({ manifest, launcher: { start: async () => guest.session }, command: COMMAND });
      const started = lab.start();
      lab.sendTerminalInput(early);
      await started;
      expect(guest.typed).toEqual(expected);
      lab.dispose();
    }
  });

  it("and the Apply ends only once the agent has reported the new shell, which may come after its prompt", async () => {
    const guest = fakeSession({ silent: false, announceReady: false, shellPid: 42 });
    const lab = createLab({ manifest, launcher: { start: async () => guest.session } });
    await lab.start();
    guest.say("identity pid=7 uid=1000 gid=1000 caps= userns=0 nsuid=1000 nsgid=1000");
    let applied = false;
    const applying = lab.applyIdentity({ uid: 0, caps: [], userns: false }).then(() => (applied = true));
    setTimeout(() => guest.emitConsole(`${BANNER}[uid 0] ~ # \u001b[6n`), 5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Prompt shown, report not yet in: the panels would set the old shell beside a finished Apply.
    expect(lab.identity.get()).toMatchObject({ applying: true, actual: { pid: 7 } });
    expect(applied).toBe(false);
    guest.say("identity pid=42 uid=0 gid=0 caps= userns=0 nsuid=0 nsgid=0");
    await applying;
    expect(lab.identity.get()).toMatchObject({ applying: false, actual: { pid: 42, uid: 0 } });
    lab.dispose();
  });
});
