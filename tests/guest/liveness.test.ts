// A guest whose agent falls silent: kept while its kernel runs (busy), given up once its kernel has died.
import { afterEach, describe, expect, it } from "vitest";
import type { Lab } from "../../app/core/lab-types";
import type { Identity } from "../../app/core/protocol";
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
    // Root may lift /tmp's size limit: its pages cannot be freed, the kernel finds nothing to kill.
    l.sendTerminalInput("mount -o remount,size=100m /tmp && dd if=/dev/zero of=/tmp/big bs=64k count=1024\r");
    const status = await until(l, "the error", () =>
      l.status.get().phase === "error" ? l.status.get() : undefined,
    );
    expect(status.error).toMatch(
      /stopped answering .*: its kernel panicked: "System is deadlocked on memory"/,
    );
  }, 120_000);

  it("in a guest that restarted its machine is given up too (v86 would run the BIOS, no kernel)", async () => {
    const l = await started();
    // The page offers three capabilities; the agent gives any (CAP_SYS_BOOT lets root reboot).
    await l.applyIdentity({ uid: 0, caps: ["cap_sys_boot"] as unknown as Identity["caps"], userns: false });
    l.sendTerminalInput("reboot -f\r");
    const status = await until(l, "the error", () =>
      l.status.get().phase === "error" ? l.status.get() : undefined,
    );
    expect(status.error).toMatch(/its kernel restarted the machine/);
  }, 120_000);
});
