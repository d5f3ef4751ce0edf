// The real kernel against the model: every era × both prctl paths × every identity the page can set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAttempt } from "../../app/core/observations";
import { predict, subjectFromIdentity } from "../../app/core/permission-model";
import { ERAS, TOGGLE_CAPS, type Era, type Identity } from "../../app/core/protocol";
import { attempt, bootTestGuest, type TestGuest } from "./guest-vm";

let guest: TestGuest;
beforeAll(async () => {
  guest = await bootTestGuest();
});
afterAll(async () => {
  await guest?.dispose();
});

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

const via = (path: "map" | "exe_file") => `--via ${path === "map" ? "map" : "file"} /usr/sbin/sshd`;

type ShellEvent = Awaited<ReturnType<TestGuest["applyIdentity"]>>;

/** In a shell of `identity` (its setexe holders killed after), `body` once per era, the kernel switched to it. */
function inEveryEra(identity: Identity, body: (era: Era, shell: () => ShellEvent) => void): void {
  let shell: ShellEvent;
  beforeAll(async () => {
    shell = await guest.applyIdentity(identity);
  });
  afterAll(async () => {
    await guest.run("setexe --kill >/dev/null");
  });
  describe.each(ERAS)("era %i", (era) => {
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
      // The page's own way to the card: the shell's reported identity and the record's capabilities.
      const { pid, uid, gid, caps, userns } = shell();
      const card = toAttempt(1, 0, r, era, { pid, uid, gid, caps, userns }, r.caps);
      expect(card.otherIdentity).toBeUndefined();
      expect(card.agrees, "the card says the model agrees").toBe(true);
    });
  });
});

describe("the one-shot rule: a second change by the same process", () => {
  const root: Identity = { uid: 0, caps: "all", userns: false };
  inEveryEra(root, (era) => {
    it.each(["map", "exe_file"] as const)("on the %s path is what the model predicts", async (path) => {
      const first = predict(era, path, subjectFromIdentity(root));
      const { records } = await attempt(guest, `--twice ${via(path)}`);
      // A refused first attempt leaves no change for the second to repeat.
      const second =
        first.errno === "0" ? predict(era, path, subjectFromIdentity(root), { alreadyChanged: true }) : first;
      expect(records.map((r) => [r.result, r.check])).toEqual([
        [first.errno, first.check],
        [second.errno, second.check],
      ]);
    });
  });
});
