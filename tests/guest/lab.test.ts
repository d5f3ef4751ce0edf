// The framework-free lab against the real guest under Node: what the page's stores show, end to end.
import { afterAll, describe, expect, it } from "vitest";
import type { LabOptions } from "../../app/core/lab";
import type { Lab } from "../../app/core/lab-types";
import { guestLab, until } from "./guest-lab";
import { trackedV86 } from "./guest-vm";

/** The real V86, remembered so a test can freeze the guest the way a wedged emulator would. */
const tracked = trackedV86();
const newLab = (options: Partial<LabOptions> = {}): Lab =>
  guestLab(tracked, { heartbeat: { everyMs: 300, timeoutMs: 400, misses: 2 }, ...options });
const lab = newLab();
let output = "";
lab.onTerminalOutput((b) => (output += new TextDecoder().decode(b)));

afterAll(() => lab.dispose());

describe("the lab", () => {
  it("restores the guest and keeps keys typed before it answers", async () => {
    const seen: string[] = [];
    const off = lab.status.subscribe((s) => seen.push(`${s.phase}${s.live ? "+live" : ""}`));
    const started = lab.start();
    lab.sendTerminalInput("echo early-$((6*7))\r");
    await started;
    off();
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: false, live: true });
    // The restored shell takes keys before the clock, era and size are set: the page can show it.
    expect(seen.indexOf("restoring+live")).toBeGreaterThan(-1);
    expect(seen.indexOf("restoring+live")).toBeLessThan(seen.indexOf("ready+live"));
    await until(lab, "the early command's output", () => (output.includes("early-42") ? true : undefined));
  });

  it("applies an identity and an era, and explains an attempt with the model beside the kernel", async () => {
    await lab.applyIdentity({ uid: 1000, caps: ["cap_checkpoint_restore"], userns: false });
    await until(lab, "the new identity", () =>
      lab.identity.get().actual?.caps.includes("cap_checkpoint_restore") ? true : undefined,
    );
    await lab.setEra(2014);
    expect(lab.era.get()).toMatchObject({ current: 2014, switching: false });
    lab.sendTerminalInput("setexe --via map /usr/sbin/sshd\r");
    const attempt = await until(lab, "an attempt", () => lab.attempts.get().at(-1));
    expect(attempt.record).toMatchObject({ op: "map", era: 2014, result: "EINVAL", check: "uid_gid_root" });
    expect(attempt.prediction).toMatchObject({ errno: "EINVAL", check: "uid_gid_root" });
    expect(attempt.agrees).toBe(true);
  });

  it("says so when the guest stops answering", async () => {
    await tracked.last()?.stop();
    const status = await until(lab, "the error", () =>
      lab.status.get().phase === "error" ? lab.status.get() : undefined,
    );
    expect(status.error).toMatch(/stopped answering/);
  });
});

describe("a page that asks for another era than the saved state's", () => {
  it("keeps keys typed early until the era is set, so the first command runs under its rules", async () => {
    const other = newLab({ era: 2014 });
    let text = "";
    other.onTerminalOutput((b) => (text += new TextDecoder().decode(b)));
    const seen: string[] = [];
    const off = other.status.subscribe((st) => seen.push(`${st.phase}${st.live ? "+live" : ""}`));
    try {
      const started = other.start();
      other.sendTerminalInput("cat /proc/sys/kernel/exe_link_era\r");
      await started;
      off();
      // Typing is taken on the saved screen at once, but kept from the saved shell, which runs
      // under the saved era until sync has set the link's.
      expect(seen).toContain("restoring+live");
      expect(seen.at(-1)).toBe("ready+live");
      const era = await until(
        other,
        "the era the command saw",
        () => /exe_link_era\r\n(\d{4})/.exec(text)?.[1],
      );
      expect(era).toBe("2014");
    } finally {
      await other.dispose();
    }
  });
});
