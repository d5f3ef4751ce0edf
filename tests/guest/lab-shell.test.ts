// The lab against the real guest under Node: a link's identity, an era set inside the guest, another identity.
import { describe, expect, it } from "vitest";
import type { LabOptions } from "../../app/core/lab";
import type { Lab } from "../../app/core/lab-types";
import { guestLab, until } from "./guest-lab";
import type { Identity } from "../../app/core/protocol";
import { promptAfterRestart } from "../../app/core/shell-prompt";
import { bootTestGuest, trackedV86 } from "./guest-vm";

const tracked = trackedV86();

function newLab(options: Partial<LabOptions>): { lab: Lab; text: () => string } {
  const lab = guestLab(tracked, options);
  let text = "";
  lab.onTerminalOutput((b) => (text += new TextDecoder().decode(b)));
  return { lab, text: () => text };
}

describe("a restarted shell's prompt", () => {
  it("is seen after the agent's banner as the guest writes it (else keys wait out the time limit)", async () => {
    const g = await bootTestGuest();
    try {
      const identities: Identity[] = [
        { uid: 0, caps: "all", userns: false },
        { uid: 1000, caps: [], userns: true },
      ];
      for (const identity of identities) {
        const prompt = promptAfterRestart(g.session, 60_000);
        await g.agent.request({ type: "shell", identity });
        expect(await prompt).toBe(true);
      }
    } finally {
      await g.dispose();
    }
  });
});

describe("a new shell when no process is to spare", () => {
  it("is tried again each second, said once in the terminal, and the page's error taken back", async () => {
    const { lab, text } = newLab({ identity: { uid: 0, caps: "all", userns: false } });
    try {
      await lab.start();
      // Sleepers of their own sessions (Apply ends only the shell's; setsid forks once more, so a
      // moment for it), then the kernel's task limit lowered to its least, below what runs even
      // without the shell: every fork fails until the sleepers end.
      lab.sendTerminalInput(
        "for i in 1 2 3 4 5 6; do setsid sleep 8 & done; sleep 1; n=$(ls -d /proc/[0-9]* | wc -l); " +
          "echo 20 > /proc/sys/kernel/threads-max; echo tasks-$n-\r",
      );
      const tasks = await until(lab, "the limit", () => /tasks-(\d+)-/.exec(text())?.[1]);
      expect(Number(tasks)).toBeGreaterThanOrEqual(22);
      await lab.applyIdentity({ uid: 1000, caps: [], userns: false });
      expect(lab.identity.get()).toMatchObject({ errorPending: true });
      expect(lab.identity.get().error).toMatch(/^no process to spare for a new shell/);
      await until(
        lab,
        "the new shell",
        () => (lab.identity.get().actual?.uid === 1000 && !lab.identity.get().error ? true : undefined),
        60_000,
      );
      expect(text().match(/no process to spare for a shell \(fork failed/g)).toHaveLength(1);
      expect(text()).not.toMatch(/shell exited|shell was killed/);
    } finally {
      lab.dispose();
    }
  });
});

describe("a link with an identity, typed into at once", () => {
  it("gives the keys to the new shell once its prompt is up: one clean command line", async () => {
    // Were the keys not held, this guest (no terminal answers its prompt's question) would show them
    // around the banner; held but not given on sight of the prompt, they would wait out the time
    // limit, here longer than the test may take.
    const { lab, text } = newLab({
      identity: { uid: 0, caps: "all", userns: false },
      era: 2014,
      promptTimeoutMs: 600_000,
    });
    try {
      const started = lab.start();
      lab.sendTerminalInput("echo hi-there\r");
      await started;
      const shown = await until(lab, "the command's output", () => {
        // The page's first start brings the link's shell on a cleared screen (no note before it).
        const after = text().split("\u001b[H\u001b[2J\u001b[3J")[1];
        // Without the question busybox asks the terminal (none answers here) after each prompt.
        const plain = after?.replaceAll("\u001b[6n", "");
        return plain && /hi-there\r\n.*# $/.test(plain) ? plain : undefined;
      });
      // Each key echoed once, by the new shell's line editing after its prompt, and nowhere else.
      expect(shown).toMatch(/\r\n\[uid 0\] ~ # echo hi-there\r\nhi-there\r\n\[uid 0\] ~ # $/);
      expect(shown.match(/hi-there/g)).toHaveLength(2);
      expect(shown.replace(/\[uid 0\] ~ # echo hi-there\r\nhi-there\r\n/, "")).not.toMatch(/ech|hi-th/);
    } finally {
      lab.dispose();
    }
  });
});

describe("an era set inside the guest", () => {
  it("is what the page shows at once, with no attempt and long before the next heartbeat", async () => {
    const { lab } = newLab({
      identity: { uid: 0, caps: "all", userns: false },
      heartbeat: { everyMs: 3_600_000, timeoutMs: 4000, misses: 2 },
    });
    try {
      await lab.start();
      expect(lab.era.get().current).toBe(2020);
      lab.sendTerminalInput("echo 2016 > /proc/sys/kernel/exe_link_era\r");
      await until(lab, "the page's era", () => (lab.era.get().current === 2016 ? true : undefined), 5000);
      expect(lab.era.get()).toEqual({ current: 2016, switching: false });
      expect(lab.attempts.get()).toEqual([]);
    } finally {
      lab.dispose();
    }
  });

  it("is what the page shows once the kernel's record says it ran it", async () => {
    const { lab } = newLab({ identity: { uid: 0, caps: "all", userns: false } });
    try {
      await lab.start();
      expect(lab.era.get().current).toBe(2020);
      lab.sendTerminalInput("echo 2012 > /proc/sys/kernel/exe_link_era; setexe --via map /bin/busybox\r");
      const attempt = await until(lab, "the attempt", () => lab.attempts.get().at(-1));
      expect(attempt.record).toMatchObject({ era: 2012, result: "EINVAL" });
      expect(lab.era.get()).toMatchObject({ current: 2012, switching: false });
    } finally {
      lab.dispose();
    }
  });
});

describe("an attempt by a process with another identity than the shell's", () => {
  it("is predicted from its own ids and capabilities, and the model agrees", async () => {
    const { lab } = newLab({ identity: { uid: 0, caps: "all", userns: false }, era: 2014 });
    try {
      await lab.start();
      lab.sendTerminalInput("runas --uid 1000 --caps all -- setexe --via map /usr/sbin/sshd\r");
      const attempt = await until(lab, "the attempt", () => lab.attempts.get().at(-1));
      // The agent adds the process's gid to the kernel's record (runas sets it with the uid).
      expect(attempt.record).toMatchObject({ uid: 1000, gid: 1000, check: "uid_gid_root", result: "EINVAL" });
      expect(attempt).toMatchObject({ otherIdentity: true, agrees: true, prediction: { errno: "EINVAL" } });
    } finally {
      lab.dispose();
    }
  });

  it("in a namespace of its own below the shell's (`unshare -U`) is one too, predicted from its ids there", async () => {
    const { lab } = newLab({ identity: { uid: 1000, caps: "all", userns: true }, era: 2014 });
    try {
      await lab.start();
      // The same outer ids as the shell, "nested" too, but no id is mapped there: uid 65534.
      lab.sendTerminalInput("unshare -U setexe --via map /usr/sbin/sshd; setexe --via map /usr/sbin/sshd\r");
      const [deeper, own] = await until(lab, "two attempts", () =>
        lab.attempts.get().length >= 2 ? lab.attempts.get() : undefined,
      );
      expect(deeper.record).toMatchObject({ uid: 1000, nsUid: 65534, nsGid: 65534, check: "uid_gid_root" });
      expect(deeper).toMatchObject({ otherIdentity: true, agrees: true, prediction: { errno: "EINVAL" } });
      // The shell's own namespace: uid and gid 0 there, predicted, and the kernel agrees.
      expect(own.record).toMatchObject({ uid: 1000, nsUid: 0, nsGid: 0, result: "0" });
      expect(own.agrees).toBe(true);
    } finally {
      lab.dispose();
    }
  });
});
