// The real kernel against the model: every era × both prctl paths × every identity of the matrix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_MATRIX, predict, subjectFromIdentity } from "../../app/core/permission-model";
import { ERAS } from "../../app/core/protocol";
import { attempt, bootTestGuest, type TestGuest } from "./guest-vm";

let guest: TestGuest;
beforeAll(async () => {
  guest = await bootTestGuest();
});
afterAll(async () => {
  await guest?.dispose();
});

describe.each(IDENTITY_MATRIX)("$label", ({ identity }) => {
  beforeAll(async () => {
    await guest.applyIdentity(identity);
  });
  afterAll(async () => {
    await guest.run("setexe --kill >/dev/null");
  });

  describe.each(ERAS)("era %i", (era) => {
    beforeAll(async () => {
      await guest.agent.request({ type: "era", year: era });
    });

    it.each(["map", "exe_file"] as const)("the kernel agrees with the model on the %s path", async (path) => {
      const predicted = predict(era, path, subjectFromIdentity(identity));
      const { records, output } = await attempt(
        guest,
        `--via ${path === "map" ? "map" : "file"} /usr/sbin/sshd`,
      );
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
    });
  });
});
