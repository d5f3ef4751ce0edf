// The panels' reducers: old → new exe links from records or scans, and the card's prediction.
import { describe, expect, it } from "vitest";
import { exeLinkRecord } from "./exe-link-record.fixture";
import { subjectFromActual } from "./identity";
import { mergeProcs, toAttempt } from "./observations";
import { ALL_CAPABILITIES } from "./permission-model";
import type { ProcEntry } from "./protocol";

const proc = (pid: number, exe: string, comm = "setexe-holder"): ProcEntry => ({
  pid,
  ppid: 1,
  uid: 1000,
  comm,
  exe,
  flag: "-",
});

const record = exeLinkRecord;

describe("mergeProcs", () => {
  it("shows old → new when two scans differ, and keeps it on the next scan", () => {
    const first = mergeProcs([], [proc(30, "/usr/bin/setexe")], 1);
    const second = mergeProcs(first, [proc(30, "/usr/sbin/sshd")], 2);
    expect(second[0]).toMatchObject({ previousExe: "/usr/bin/setexe", changedAt: 2 });
    expect(mergeProcs(second, [proc(30, "/usr/sbin/sshd")], 3)[0]).toMatchObject({ changedAt: 2 });
  });

  it("takes the change from the kernel's record when no scan saw the old link", () => {
    const changes = new Map([[30, { old: "/usr/bin/setexe", new: "/usr/sbin/sshd", at: 5 }]]);
    expect(mergeProcs([], [proc(30, "/usr/sbin/sshd")], 6, changes)[0]).toMatchObject({
      previousExe: "/usr/bin/setexe",
      changedAt: 5,
    });
  });

  it("does not call a new process with a reused pid a change", () => {
    const first = mergeProcs([], [proc(30, "/bin/busybox", "sh")], 1);
    expect(mergeProcs(first, [proc(30, "/usr/bin/setexe")], 2)[0].previousExe).toBeUndefined();
  });
});

describe("toAttempt", () => {
  const actual = { pid: 23, uid: 1000, gid: 1000, caps: [], userns: false };

  it("predicts with the capabilities the process held, and agrees with a matching kernel", () => {
    const refused = toAttempt(
      1,
      0,
      record({ result: "EPERM", check: "ns_checkpoint_restore" }),
      2020,
      actual,
      [],
    );
    expect(refused).toMatchObject({ agrees: true, prediction: { errno: "EPERM" } });
    const allowed = toAttempt(2, 0, record({}), 2020, actual, ["cap_checkpoint_restore"]);
    expect(allowed).toMatchObject({ agrees: true, prediction: { errno: "0" } });
  });

  it("reports a mismatch when the kernel and the model disagree", () => {
    const odd = toAttempt(3, 0, record({ result: "0", check: "allowed" }), 2020, actual, []);
    expect(odd.agrees).toBe(false);
  });

  it("makes no prediction before the shell's identity is known", () => {
    expect(toAttempt(4, 0, record({}), 2020, undefined).prediction).toBeUndefined();
  });

  it("predicts from a process's own ids and capabilities when its identity is not the shell's", () => {
    // Root's shell runs `runas --uid 1000 --caps all -- setexe …` in 2014: the agent read them all.
    const root = { ...actual, uid: 0, gid: 0, caps: ["all"] };
    const full = { gid: 1000, nsUid: 1000, nsGid: 1000, caps: ["cap_sys_admin", "cap_sys_resource"] };
    const asUser = record({
      uid: 1000,
      euid: 1000,
      ...full,
      era: 2014,
      check: "uid_gid_root",
      result: "EINVAL",
    });
    const a = toAttempt(1, 0, asUser, 2014, root, asUser.caps);
    expect(a).toMatchObject({ otherIdentity: true, agrees: true, prediction: { errno: "EINVAL" } });
    // The same kernel answer for uid 0 in a namespace of its own is a mismatch: the model looked at
    // the record's ids, not the shell's.
    const nsRoot = { ...asUser, userns: "nested" as const, nsUid: 0, nsGid: 0 };
    expect(toAttempt(2, 0, nsRoot, 2014, root, nsRoot.caps)).toMatchObject({
      otherIdentity: true,
      agrees: false,
    });
    // Capabilities decide in 2020: held in its own namespace, the MAP change passes.
    const allowed = { ...nsRoot, era: 2020, check: "allowed", result: "0" };
    expect(toAttempt(3, 0, allowed, 2020, root, allowed.caps)).toMatchObject({
      agrees: true,
      prediction: { reasonKey: "ns_checkpoint_restore_via_sys_admin" },
    });
    expect(toAttempt(4, 0, { ...allowed, caps: [] }, 2020, root, [])).toMatchObject({ agrees: false });
    // "all" is the agent's word for every capability.
    const everyCap = {
      ...asUser,
      era: 2017,
      op: "exe_file" as const,
      check: "allowed",
      result: "0",
      caps: ["all"],
    };
    expect(toAttempt(5, 0, everyCap, 2017, root, everyCap.caps)).toMatchObject({ agrees: true });
    // Not all read (the process had ended: no caps), or a uid the model cannot hold (euid ≠ uid).
    for (const partial of [
      { ...asUser, caps: undefined },
      { ...asUser, gid: undefined },
      { ...asUser, euid: 0 },
    ]) {
      const p = toAttempt(5, 0, partial, 2014, root, partial.caps);
      expect(p.otherIdentity).toBe(true);
      expect(p.prediction).toBeUndefined();
    }
  });

  it("counts the shell's ids with other capabilities as an identity of its own, predicted from them", () => {
    const root = { ...actual, uid: 0, gid: 0, caps: ["all"] };
    const fewer = record({
      uid: 0,
      euid: 0,
      era: 2020,
      op: "exe_file",
      check: "cap_sys_resource",
      result: "EPERM",
    });
    expect(toAttempt(1, 0, fewer, 2020, root, [])).toMatchObject({ otherIdentity: true, agrees: true });
    // The same capabilities, however the agent spells them: the shell's own.
    const all41 = toAttempt(2, 0, { ...fewer, check: "allowed", result: "0" }, 2020, root, [
      ...ALL_CAPABILITIES,
    ]);
    expect(all41).toMatchObject({ agrees: true });
    expect(all41.otherIdentity).toBeUndefined();
    expect(toAttempt(3, 0, fewer, 2020, { ...actual, uid: 0, gid: 0 }, []).otherIdentity).toBeUndefined();
  });

  it("predicts nothing for another uid or namespace than the shell's when the record lacks its capabilities", () => {
    // Root's shell runs `runas --uid 1000 -- setexe …` (2014: uid_gid_root), or `unshare -r setexe …`.
    const root = { ...actual, uid: 0, gid: 0, caps: ["all"] };
    const asUser = record({ uid: 1000, euid: 1000, era: 2014, check: "uid_gid_root", result: "EINVAL" });
    const unread = toAttempt(5, 0, asUser, 2014, root, []);
    expect(unread).toEqual({
      seq: 5,
      at: 0,
      record: asUser,
      otherIdentity: true,
      shell: subjectFromActual(root),
    });
    const nested = record({
      uid: 0,
      euid: 0,
      userns: "nested",
      op: "exe_file",
      check: "cap_sys_resource",
      result: "EPERM",
    });
    expect(toAttempt(6, 0, nested, 2020, root, ["all"])).toMatchObject({ otherIdentity: true });
    expect(toAttempt(6, 0, nested, 2020, root, ["all"]).agrees).toBeUndefined();
    // Only the gid changed (a program that calls setgid): the 2014 rule asks for gid 0 as well.
    const regid = record({ uid: 0, euid: 0, gid: 1000, era: 2014, check: "uid_gid_root", result: "EINVAL" });
    expect(toAttempt(8, 0, regid, 2014, root, ["all"])).toMatchObject({ otherIdentity: true });
    expect(toAttempt(9, 0, { ...regid, gid: 0 }, 2014, root, ["all"]).otherIdentity).toBeUndefined();
    // The shell's own identity, in its namespace: predicted as before.
    expect(toAttempt(7, 0, nested, 2020, { ...root, uid: 0, userns: true }, ["all"]).agrees).toBe(true);
    // A namespace of the process's own below the shell's (`unshare -U`): the same outer ids and
    // "nested", but uid and gid 65534 there, where the 2014 rule looks.
    const user = { ...actual, uid: 1000, gid: 1000, caps: ["all"], userns: true };
    const deeper = record({ uid: 1000, euid: 1000, gid: 1000, userns: "nested", era: 2014 });
    const unmapped = { ...deeper, check: "uid_gid_root", result: "EINVAL", nsUid: 65534, nsGid: 65534 };
    expect(toAttempt(10, 0, unmapped, 2014, user, ["all"])).toMatchObject({ otherIdentity: true });
    const own = { ...deeper, check: "allowed", result: "0", nsUid: 0, nsGid: 0 };
    expect(toAttempt(11, 0, own, 2014, user, ["all"])).toMatchObject({ agrees: true });
  });

  it("agrees with a kernel that refused the arguments or the struct before any permission check", () => {
    // uid 1000 without capabilities would fail either path's permission check: the kernel never got there.
    const badArgs = record({ op: "exe_file", check: "bad_args", result: "EINVAL" });
    expect(toAttempt(12, 0, badArgs, 2020, actual, [])).toMatchObject({
      agrees: true,
      prediction: { check: "cap_sys_resource" },
    });
    const badStruct = record({ op: "map", check: "map_fields", result: "EINVAL" });
    expect(toAttempt(13, 0, badStruct, 2020, actual, [])).toMatchObject({
      agrees: true,
      prediction: { check: "ns_checkpoint_restore" },
    });
  });

  it("agrees with a one-shot refusal where the era has the rule (2014), not where it has none (2016)", () => {
    // Root with every capability passes every permission check: a second change is refused only by
    // the one-shot rule, which Linux 4.10 (the 2016 rules here) dropped.
    const root = { ...actual, uid: 0, gid: 0, caps: ["all"] };
    for (const op of ["exe_file", "map"] as const) {
      const second = (era: 2014 | 2016) =>
        toAttempt(14, 0, record({ uid: 0, euid: 0, op, era, check: "one_shot", result: "EPERM" }), era, root);
      expect(second(2014), op).toMatchObject({
        agrees: true,
        prediction: { check: "one_shot", errno: "EPERM" },
      });
      expect(second(2016), op).toMatchObject({ agrees: false, prediction: { check: "allowed", errno: "0" } });
    }
  });

  it("reads a user namespace as uid 0 inside it", () => {
    expect(subjectFromActual({ ...actual, userns: true }, ["all"])).toMatchObject({ nsUid: 0, userns: true });
  });

  it("takes the shell's ids inside its namespace from the agent: one that mapped none is not uid 0 there", () => {
    // `exec unshare -U sh` in 2014: the shell itself is uid 65534 in its namespace, and refused.
    const unmapped = { ...actual, userns: true, nsUid: 65534, nsGid: 65534 };
    expect(subjectFromActual(unmapped)).toMatchObject({ nsUid: 65534, nsGid: 65534 });
    const refused = record({
      userns: "nested",
      gid: 1000,
      nsUid: 65534,
      nsGid: 65534,
      caps: [],
      era: 2014,
      check: "uid_gid_root",
      result: "EINVAL",
    });
    // The shell's own attempt: no other identity, and the model agrees with the kernel.
    expect(toAttempt(1, 0, refused, 2014, unmapped, [])).toEqual(
      expect.objectContaining({ agrees: true, prediction: expect.objectContaining({ errno: "EINVAL" }) }),
    );
    expect(toAttempt(1, 0, refused, 2014, unmapped, []).otherIdentity).toBeUndefined();
  });
});
