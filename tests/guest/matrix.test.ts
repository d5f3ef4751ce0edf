// The real kernel against the model: every era × both prctl paths × every identity the page can set; then
// the order of checks, the one-shot rule beyond root, and the gid half of the 2014 rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainRecord } from "../../app/core/explain";
import { isAskedShell } from "../../app/core/identity";
import { permissionPasses, predict, subjectFromIdentity } from "../../app/core/permission-model";
import { ERAS, TOGGLE_CAPS, type Era, type Identity } from "../../app/core/protocol";
import { attempt, attemptBy, cardFor, guestForFile, type ShellEvent, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

/** Every capability set the identity panel offers: all, or any subset of the three toggles. */
const CAP_SETS: Identity["caps"][] = [
  "all",
  ...Array.from({ length: 2 ** TOGGLE_CAPS.length }, (_, bits) =>
    TOGGLE_CAPS.filter((_, i) => bits & (1 << i)),
  ),
];

/** The panel's every identity: 2 uids × 2 namespaces × 9 capability sets. */
const EVERY_IDENTITY = ([0, 1000] as const).flatMap((uid) =>
  [false, true].flatMap((userns) =>
    CAP_SETS.map((caps) => ({
      identity: { uid, caps, userns } satisfies Identity,
      label: `uid ${uid}, caps ${caps === "all" ? "all" : caps.join("+") || "none"}${userns ? ", new user ns" : ""}`,
    })),
  ),
);

type PathName = "map" | "exe_file";

const via = (path: PathName, file = "/usr/sbin/sshd") => `--via ${path === "map" ? "map" : "file"} ${file}`;

/**
 * In a shell of `identity` (its setexe holders killed after), `body` once per era (every era, or `eras`),
 * the kernel switched to it.
 */
function inEveryEra(
  identity: Identity,
  body: (era: Era, shell: () => ShellEvent) => void,
  eras: readonly Era[] = ERAS,
): void {
  let shell: ShellEvent;
  beforeAll(async () => {
    shell = await guest.applyIdentity(identity);
    // The shell the agent reports is the one asked for: the identity panel says otherwise only after
    // the shell became another in place (exec), never for a shell it set itself.
    expect(isAskedShell(identity, shell), "the agent's shell is the one asked for").toBe(true);
  });
  afterAll(async () => {
    await guest.run("setexe --kill >/dev/null");
  });
  describe.each(eras)("era %i", (era) => {
    beforeAll(async () => {
      await guest.agent.request({ type: "era", year: era });
    });
    body(era, () => shell);
  });
}

describe.each(EVERY_IDENTITY)("$label", ({ identity }) => {
  inEveryEra(identity, (era, shell) => {
    it.each(["map", "exe_file"] as const)("the kernel agrees with the model on the %s path", async (path) => {
      const predicted = predict(era, path, subjectFromIdentity(identity));
      const { records, output } = await attempt(guest, via(path));
      expect(records, "exactly one exe_link record per attempt").toHaveLength(1);
      const [r] = records;
      expect({ op: r.op, era: r.era, result: r.result, check: r.check }).toEqual({
        op: path,
        era,
        // Every holder is a fresh process that unmapped its own binary: a pass is a real change.
        result: predicted.errno,
        check: predicted.check,
      });
      expect(r.userns).toBe(identity.userns ? "nested" : "initial");
      expect(r.uid).toBe(identity.uid);
      expect(r.comm).toBe("setexe-holder");
      expect(r.old).toBe("/usr/bin/setexe");
      expect(r.new).toBe("/usr/sbin/sshd");
      expect(output).toContain(predicted.errno === "0" ? "OK" : predicted.errno);
      const shown = cardFor(r, era, shell());
      expect(shown.otherIdentity).toBeUndefined();
      expect(shown.agrees, "the card says the model agrees").toBe(true);
    });

    // `caps` in the terminal predicts with a copy of the rules of its own (caps.c): it must say what
    // the model says (and so, by the test above, what the kernel answers).
    it("caps, the guest's own prediction, says what the model predicts on both paths", async () => {
      const said = (await guest.run("caps")).output.replace(/\n {4}/g, " ");
      for (const [path, label] of [
        ["map", "PR_SET_MM_MAP exe_fd"],
        ["exe_file", "PR_SET_MM_EXE_FILE"],
      ] as const) {
        const { errno } = predict(era, path, subjectFromIdentity(identity));
        const line = said.split("\n").find((l) => l.startsWith(`  ${label}: `));
        expect(line, `caps printed no ${label} line:\n${said}`).toBeDefined();
        expect(line?.slice(label.length + 4), said).toMatch(
          errno === "0" ? /^allowed: / : new RegExp(`^refused \\(${errno}\\): `),
        );
      }
    });
  });
});

/**
 * Files a file rule refuses (the rule each breaks, once the permission check has passed): the noexec
 * mount, a file without execute bits, a directory.
 */
const BAD_FILES = [
  { file: "/mnt/noexec/sshd", rule: "noexec_mount" },
  { file: "/usr/share/exelab/not-executable", rule: "no_exec_perm" },
  { file: "/tmp", rule: "not_regular" },
] as const;

const UNSEEN = "The new file was not looked at: the permission check comes before the file checks.";

// Every era checks permission before it looks at the new file (docs/facts/exe-link-history.md, "order of
// checks"), and the card says so on every refusal by a permission check. Root without capabilities passes
// MAP in 2014 and 2016 (the ids rule): there these files do fail their file rule, so they are bad files.
describe("the order of checks: the permission check answers before the new file is looked at", () => {
  const refused: { label: string; identity: Identity; passes: (era: Era, path: PathName) => boolean }[] = [
    {
      label: "uid 1000, no capabilities",
      identity: { uid: 1000, caps: [], userns: false },
      passes: () => false,
    },
    {
      label: "root, no capabilities",
      identity: { uid: 0, caps: [], userns: false },
      passes: (era, path) => path === "map" && (era === 2014 || era === 2016),
    },
  ];
  describe.each(refused)("$label", ({ identity, passes }) => {
    inEveryEra(identity, (era, shell) => {
      const cases = (["map", "exe_file"] as const).flatMap((path) =>
        BAD_FILES.map(({ file, rule }) => [path, file, rule] as const),
      );
      it.each(cases)("on the %s path, at %s", async (path, file, rule) => {
        const predicted = predict(era, path, subjectFromIdentity(identity));
        const pass = passes(era, path);
        // Which cases are refusals is written by hand above: the model cannot make this test vacuous.
        expect(permissionPasses(predicted), "the permission check passes").toBe(pass);
        const { records, output } = await attempt(guest, via(path, file));
        expect(records, "exactly one exe_link record per attempt").toHaveLength(1);
        const [r] = records;
        const expected = pass ? ["EACCES", rule] : [predicted.errno, predicted.check];
        expect([r.op, r.result, r.check]).toEqual([path, ...expected]);
        expect(r.new).toBe(file);
        expect(output).toContain(expected[0]);
        const shown = cardFor(r, era, shell());
        expect(shown.otherIdentity).toBeUndefined();
        expect(shown.agrees, "the card says the model agrees").toBe(true);
        // The card's claim on a refused permission check (2012 has no MAP to check: nothing to claim there).
        const body = explainRecord(r).body;
        if (pass) expect(body).not.toContain(UNSEEN);
        else if (r.check !== "era_no_map") expect(body).toContain(UNSEEN);
      });
    });
  });
});

/** Identities that pass a path, and from which era (by hand, from the facts' era table). */
const PASSING: { label: string; identity: Identity; from: Partial<Record<PathName, Era>> }[] = [
  {
    label: "root, all capabilities",
    identity: { uid: 0, caps: "all", userns: false },
    from: { map: 2014, exe_file: 2012 },
  },
  {
    label: "uid 1000 with CAP_SYS_RESOURCE",
    identity: { uid: 1000, caps: ["cap_sys_resource"], userns: false },
    from: { exe_file: 2012 },
  },
  {
    label: "uid 1000 in a new user ns",
    identity: { uid: 1000, caps: "all", userns: true },
    from: { map: 2014 },
  },
];

describe("the one-shot rule: a second change by the same process", () => {
  describe.each(PASSING)("$label", ({ identity, from }) => {
    inEveryEra(identity, (era, shell) => {
      it.each(["map", "exe_file"] as const)("on the %s path is what the model predicts", async (path) => {
        const first = predict(era, path, subjectFromIdentity(identity));
        const since = from[path];
        expect(first.errno === "0", "the first change passes").toBe(since !== undefined && era >= since);
        const { records, output } = await attempt(guest, `--twice ${via(path)}`);
        // A refused first attempt changed nothing: the holder makes no second, and says so.
        const expected: [string, string][] = [[first.errno, first.check]];
        if (first.errno === "0") {
          const second = predict(era, path, subjectFromIdentity(identity), { alreadyChanged: true });
          expected.push([second.errno, second.check]);
        } else expect(output).toContain("--twice: no second try, as the first changed nothing");
        expect(records.map((r) => [r.result, r.check])).toEqual(expected);
        // One change only until 4.10 (the 2016 rules), whoever made it.
        if (first.errno === "0") expect(records[1].result).toBe(era === 2012 || era === 2014 ? "EPERM" : "0");
        for (const r of records) expect(cardFor(r, era, shell()).agrees, `the card on ${r.check}`).toBe(true);
      });
    });
  });
});

// runas, and so every identity the page offers, gives a process gid = uid, and maps both in a namespace
// of its own: the gid half of the 2014 rule needs a namespace made by hand. `unshare -U` makes one with
// no id mapped; the shell outside writes its uid_map only (0 -> 1000, allowed to its owner without
// privilege) and no gid_map, so setexe runs as uid 0 there with an unmapped gid.
describe("the 2014 rule asks for gid 0 too: uid 0 in a namespace that maps no gid", () => {
  const UID_ONLY =
    "unshare -U sh -c 'until read m </proc/$$/uid_map; do sleep 0.02; done; exec setexe --via map /usr/sbin/sshd' & " +
    "until { echo '0 1000 1' >/proc/$!/uid_map; } 2>/dev/null; do sleep 0.02; done; wait $!";
  const shellIdentity: Identity = { uid: 1000, caps: [], userns: false };
  inEveryEra(
    shellIdentity,
    (era, shell) => {
      it("refuses it (EINVAL), as the model predicts from its ids", async () => {
        const { records } = await attemptBy(guest, UID_ONLY);
        expect(records).toHaveLength(1);
        const [r] = records;
        // The agent saw the ids this case is about: uid 0 inside, the gid unmapped (the overflow gid).
        expect([r.userns, r.uid, r.nsUid, r.gid, r.nsGid]).toEqual(["nested", 1000, 0, 1000, 65534]);
        const subject = { ...subjectFromIdentity({ uid: 1000, caps: "all", userns: true }), nsGid: 65534 };
        const predicted = predict(era, "map", subject);
        expect([r.op, r.result, r.check]).toEqual(["map", predicted.errno, predicted.check]);
        expect([r.result, r.check]).toEqual(["EINVAL", "uid_gid_root"]);
        // Not the page's identity: the card predicts from the ids the agent read for this process.
        expect(cardFor(r, era, shell())).toMatchObject({ otherIdentity: true, agrees: true });
      });
    },
    [2014, 2016],
  );
});
