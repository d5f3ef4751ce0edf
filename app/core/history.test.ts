// Tests the shape and consistency of the typed exe link history.
import { describe, expect, it } from "vitest";
import { ERAS } from "./protocol";
import {
  CHECKPOINT_RESTORE_FACTS,
  DEVIATIONS,
  HISTORY,
  MAN_PAGE_NOTES,
  PROOF_OF_CONCEPT,
  PROPOSALS,
  TRUST_NOTES,
  commitLink,
  entryForCommit,
  entryForEra,
} from "./history";

const allCommitIds = HISTORY.flatMap((e) => e.commits.map((c) => c.id));

describe("HISTORY", () => {
  it("has exactly one entry per replayable era", () => {
    for (const era of ERAS) expect(HISTORY.filter((e) => e.replayEra === era)).toHaveLength(1);
    expect(HISTORY.filter((e) => e.replayEra !== undefined)).toHaveLength(ERAS.length);
    expect(entryForEra(2014).release).toBe("Linux 3.18");
    expect(entryForEra(2017).release).toBe("Linux 4.14");
  });

  it("runs from the 2012 prelude to 2025 with ISO dates in ascending order", () => {
    for (const e of HISTORY) expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    const dates = HISTORY.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(HISTORY[0].id).toBe("prelude");
    expect(dates[0].startsWith("2012")).toBe(true);
    expect(dates.at(-1)?.startsWith("2025")).toBe(true);
  });

  it("uses unique ids and unique commits of 12 lower-case hex characters with kernel.org links", () => {
    expect(new Set(HISTORY.map((e) => e.id)).size).toBe(HISTORY.length);
    expect(new Set(allCommitIds).size).toBe(allCommitIds.length);
    for (const e of HISTORY) {
      for (const c of e.commits) {
        expect(c.id).toMatch(/^[0-9a-f]{12}$/);
        expect(c.link).toBe(`https://git.kernel.org/torvalds/c/${c.id}`);
        expect(c.role.length).toBeGreaterThan(10);
      }
    }
    expect(commitLink("f606b77f1a9e")).toBe("https://git.kernel.org/torvalds/c/f606b77f1a9e");
  });

  it("gives every entry a source link, a title, a release and a one-sentence summary", () => {
    for (const e of HISTORY) {
      const links = [...e.commits.map((c) => c.link), ...e.sources.map((s) => s.url)];
      expect(links.length, e.id).toBeGreaterThan(0);
      // The kernel's own git and mail archive, and the man-pages project's site.
      for (const url of links)
        expect(url).toMatch(/^https:\/\/(git\.kernel\.org|lore\.kernel\.org|man7\.org\/linux\/man-pages)\//);
      expect(e.title && e.release && e.when).toBeTruthy();
      expect(e.summary.trim().match(/[.!?](\s|$)/g), e.id).toHaveLength(1);
    }
  });

  it("cites only commits listed in the history from its rule changes", () => {
    for (const e of HISTORY) {
      for (const r of e.rules) for (const id of r.commits) expect(allCommitIds).toContain(id);
    }
    expect(entryForCommit("227175b2c914")?.id).toBe("2020");
    expect(entryForCommit("000000000000")).toBeUndefined();
  });

  it("puts rule changes only where the doc says the permission rules changed", () => {
    const changed = HISTORY.filter((e) => e.rules.length > 0).map((e) => e.id);
    expect(changed).toEqual(["2012", "2014", "2016", "2017", "2020"]);
  });
});

describe("side notes", () => {
  it("lists who trusts the exe link", () => {
    expect(TRUST_NOTES.map((n) => n.id)).toEqual(["tomoyo", "audit", "brauner"]);
  });
  it("describes the 2020 proof of concept", () => {
    expect(PROOF_OF_CONCEPT.url).toBe("https://github.com/nviennot/run_as_exe");
    expect(PROOF_OF_CONCEPT.howItWorks).toMatch(/ptrace/);
  });
  it("has the stale man page notes and the unmerged proposals", () => {
    expect(MAN_PAGE_NOTES.length).toBeGreaterThanOrEqual(2);
    expect(PROPOSALS.map((p) => p.who)).toEqual(["Keno Fischer", "Theodore Dubois", "Qi Tang"]);
  });
  it("states the CAP_CHECKPOINT_RESTORE facts", () => {
    expect(CHECKPOINT_RESTORE_FACTS.number).toBe(40);
    expect(allCommitIds).toContain(CHECKPOINT_RESTORE_FACTS.commit);
    expect(CHECKPOINT_RESTORE_FACTS.grants).toHaveLength(4);
    expect(CHECKPOINT_RESTORE_FACTS.selftest.commit).toMatch(/^[0-9a-f]{12}$/);
  });
  it("lists every known deviation of the emulation", () => {
    const ids = DEVIATIONS.map((d) => d.id);
    for (const id of [
      "write-rules-every-era",
      "check-order",
      "config-2012",
      "audit-record",
      "cap-checkpoint-restore-exists",
      "map-2012-whole-option",
      "map-field-checks",
      "userns-2012",
    ]) {
      expect(ids).toContain(id);
    }
    for (const d of DEVIATIONS) expect(d.text.length).toBeGreaterThan(20);
  });
});
