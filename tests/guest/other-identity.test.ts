// Processes started with another identity than the shell's (runas): the card predicts from the ids and
// capabilities the agent read for each, and the real kernel agrees, in every era, on both paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSION_CHECKS, type CheckName } from "../../app/core/check-names";
import { rulesOfEra, type Subject } from "../../app/core/permission-model";
import { ERAS, type ExeLinkRecord } from "../../app/core/protocol";
import { remedy } from "../../app/core/remedies";
import { attemptBy, cardFor, guestForFile, type ShellEvent, type TestGuest } from "./guest-vm";

let guest: TestGuest;
let shell: ShellEvent;
guestForFile(async (g) => {
  guest = g;
  // Root with every capability: runas may grant any identity from here.
  shell = await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
});

/** What runas is asked for, and the ids the kernel's record must then carry. */
const RUNAS = [
  { args: "--uid 1000 --caps none", uid: 1000, nested: false },
  { args: "--uid 1000 --caps all", uid: 1000, nested: false },
  { args: "--uid 1000 --caps cap_sys_resource", uid: 1000, nested: false },
  { args: "--uid 1000 --caps cap_sys_admin,cap_checkpoint_restore", uid: 1000, nested: false },
  { args: "--uid 1000 --userns --caps none", uid: 1000, nested: true },
  { args: "--uid 1000 --userns", uid: 1000, nested: true },
  { args: "--uid 1000 --userns --caps cap_sys_admin", uid: 1000, nested: true },
  // The shell's own ids with fewer capabilities: an identity of its own too.
  { args: "--uid 0 --caps cap_sys_resource", uid: 0, nested: false },
];

describe.each(ERAS)("era %i", (era) => {
  beforeAll(async () => {
    await guest.agent.request({ type: "era", year: era });
  });
  afterAll(async () => {
    await guest.run("setexe --kill >/dev/null");
  });

  describe.each(RUNAS)("runas $args", ({ args, uid, nested }) => {
    it.each(["map", "file"] as const)("--via %s: the model predicts the kernel's answer", async (path) => {
      const { records } = await attemptBy(guest, `runas ${args} -- setexe --via ${path} /usr/sbin/sshd`);
      expect(records).toHaveLength(1);
      const [r] = records;
      // The process is the one asked for, and the agent read what the model needs of it.
      expect([r.uid, r.euid, r.userns]).toEqual([uid, uid, nested ? "nested" : "initial"]);
      expect(r.caps, "the agent read the holder's capabilities").toBeDefined();
      const card = cardFor(r, era, shell);
      expect(card.otherIdentity).toBe(true);
      expect(card.prediction, JSON.stringify(r)).toBeDefined();
      expect(
        [card.prediction?.errno, card.prediction?.check],
        `kernel: ${r.result} (${r.check}) for ${JSON.stringify(r)}`,
      ).toEqual([r.result, r.check]);
      expect(card.agrees).toBe(true);
      await followRemedy(r, card.shell);
    });
  });
});

/**
 * A refusal's "What would pass", followed: each command it offers, run as written from the same
 * shell, passes the permission check (so the card never offers one that fails).
 */
async function followRemedy(r: ExeLinkRecord, shell: Subject | undefined): Promise<void> {
  const rule = rulesOfEra(r.era)?.paths[r.op];
  if (!rule || !PERMISSION_CHECKS.includes(r.check as CheckName) || !shell) return;
  for (const command of remedy(rule.test, r, shell).commands) {
    const { records } = await attemptBy(guest, command);
    expect([records[0]?.check, records[0]?.result], `${command}, offered for ${JSON.stringify(r)}`).toEqual([
      "allowed",
      "0",
    ]);
  }
}

describe.each([2014, 2016, 2017, 2020] as const)("from a uid-1000 shell, era %i", (era) => {
  let plain: ShellEvent;
  beforeAll(async () => {
    plain = await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    await guest.agent.request({ type: "era", year: era });
  });
  afterAll(async () => {
    await guest.run("setexe --kill >/dev/null");
  });
  const cardOf = (r: ExeLinkRecord) => cardFor(r, era, plain);

  it("unshare -U's refused MAP change is told a namespace that maps an id, and that passes", async () => {
    const { records } = await attemptBy(guest, "unshare -U setexe --via map /usr/sbin/sshd");
    const card = cardOf(records[0]);
    expect(card).toMatchObject({ otherIdentity: true, agrees: true });
    expect(records[0].result).not.toBe("0");
    const rule = rulesOfEra(era)?.paths.map;
    expect(rule && remedy(rule.test, records[0], card.shell).commands).toHaveLength(2);
    await followRemedy(records[0], card.shell);
  });

  it("unshare -U's refused EXE_FILE change offers no command: the shell lacks CAP_SYS_RESOURCE too", async () => {
    const { records } = await attemptBy(guest, "unshare -U setexe --via file /usr/sbin/sshd");
    const card = cardOf(records[0]);
    const r = remedy("initial_cap_sys_resource", records[0], card.shell);
    expect(r.commands).toEqual([]);
    expect(r.text).toContain("and the shell lacks it too");
  });
});
