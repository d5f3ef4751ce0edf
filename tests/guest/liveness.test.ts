// A guest whose agent falls silent: kept while its kernel runs (busy), given up once its kernel has died.
import { afterEach, describe, expect, it } from "vitest";
import type { Lab } from "../../app/core/lab-types";
import { guestLab, until } from "./guest-lab";
import { trackedV86 } from "./guest-vm";

const tracked = trackedV86();
let lab: Lab | undefined;
afterEach(() => lab?.dispose());

async function started(): Promise<Lab> {
  lab = guestLab(tracked, { heartbeat: { everyMs: 300, timeoutMs: 400, misses: 2 } });
  await lab.start();
  return lab;
}

describe("a silent agent", () => {
  it("in a guest whose CPU the learner's programs take is only busy: the guest is kept", async () => {
    const l = await started();
    // Forty loops at nice 0 leave the agent (nice 10) too little CPU to answer within 400 ms.
    l.sendTerminalInput("for i in $(seq 40); do (while [ ! -e /tmp/stop ]; do :; done) & done\r");
    await until(l, "the busy note", () => (l.status.get().busy ? true : undefined), 60_000);
    expect(l.status.get().phase).toBe("ready");
    l.sendTerminalInput("touch /tmp/stop\r");
    await until(l, "the agent's answer", () => (l.status.get().busy === false ? true : undefined), 120_000);
    expect(l.status.get().phase).toBe("ready");
  }, 200_000);

  it("in a guest whose kernel panicked is given up, with the kernel's own words", async () => {
    const l = await started();
    await l.applyIdentity({ uid: 0, caps: ["cap_sys_admin"], userns: false });
    // Root may lift /tmp's size limit and fill the 32 MB guest with pages that cannot be freed.
    // Left to itself the kernel's OOM killer may then kill dd and the shell in time (the guest lives
    // on) or find nothing left to kill (a panic), as timing falls: panic_on_oom makes it a panic.
    l.sendTerminalInput(
      "echo 1 >/proc/sys/vm/panic_on_oom && mount -o remount,size=100m /tmp && dd if=/dev/zero of=/tmp/big bs=64k count=1024\r",
    );
    const status = await until(l, "the error", () =>
      l.status.get().phase === "error" ? l.status.get() : undefined,
    );
    expect(status.error).toBe('its kernel panicked: "Out of memory: system-wide panic_on_oom is enabled"');
  }, 120_000);

  it("is not waited for when the kernel ends: `poweroff` stops the guest at once", async () => {
    // A heartbeat that would take minutes to notice: only the kernel's own signal can be heard.
    lab = guestLab(tracked, { heartbeat: { everyMs: 120_000, timeoutMs: 1000, misses: 2 } });
    await lab.start();
    const l = lab;
    await l.applyIdentity({ uid: 0, caps: [], userns: false });
    // No -f: busybox asks PID 1 (the agent) with a signal, which a uid-0 shell may send.
    l.sendTerminalInput("poweroff\r");
    const status = await until(l, "the error", () =>
      l.status.get().phase === "error" ? l.status.get() : undefined,
    );
    // With no ACPI the kernel cannot power off: it halts instead, and says so.
    expect(status.error).toBe('its kernel stopped ("System halted")');
  }, 120_000);
});

describe("a reboot", () => {
  const shown = (l: Lab) => {
    let text = "";
    l.onTerminalOutput((bytes) => (text += new TextDecoder().decode(bytes)));
    return () => text;
  };

  it("by a root shell starts a fresh guest from the saved state, with the page's identity", async () => {
    const l = await started();
    const text = shown(l);
    await l.applyIdentity({ uid: 0, caps: [], userns: false });
    l.sendTerminalInput("touch /tmp/before-reboot; reboot\r");
    await until(l, "the fresh guest", () =>
      /a fresh guest starts from the saved state/.test(text()) && l.status.get().phase === "ready"
        ? true
        : undefined,
    );
    // The page's identity is the new guest's too; the old guest's files are gone.
    await until(l, "the root shell", () => (l.identity.get().actual?.uid === 0 ? true : undefined));
    l.sendTerminalInput("ls /tmp/before-reboot || echo gone-$((6*7))\r");
    await until(l, "the answer", () => (text().includes("gone-42") ? true : undefined));
    expect(l.status.get().phase).toBe("ready");
    // A second reboot seconds later, entered by the learner (a speaker showing it again), is no
    // reboot loop: another fresh guest, not a stopped one.
    const fresh = () => text().match(/a fresh guest starts/g)?.length ?? 0;
    const before = fresh();
    l.sendTerminalInput("reboot\r");
    await until(l, "the second fresh guest", () =>
      fresh() > before && l.status.get().phase === "ready" ? true : undefined,
    );
    expect(text()).not.toMatch(/reboot loop/);
  }, 120_000);

  it("by the default uid-1000 shell is refused by the kernel, and the guest goes on", async () => {
    const l = await started();
    const text = shown(l);
    l.sendTerminalInput("reboot; halt; poweroff; echo still-$((6*7))\r");
    await until(l, "the answer", () => (text().includes("still-42") ? true : undefined));
    expect(text().match(/Operation not permitted/g)).toHaveLength(3);
    expect(l.status.get().phase).toBe("ready");
  }, 120_000);
});
