// The guest's table of check names (errnames.h) against the kernel patch and the page's vocabulary.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECK_NAMES, PERMISSION_CHECKS } from "../../app/core/check-names";
import { REPO_ROOT } from "../../scripts/guest-source";

const header = readFileSync(join(REPO_ROOT, "vm-images/guest/errnames.h"), "utf8");
const patch = readFileSync(join(REPO_ROOT, "vm-images/kernel/exe-link-era.patch"), "utf8");

/** Each row of exelab_check_entry()'s table: { "name", year-or-0, who, ... }. */
function checkRows(): { name: string; who: boolean }[] {
  const table = header.slice(header.indexOf("exelab_check_entry"));
  return [...table.matchAll(/\{ "([a-z_]+)", (?:0|"\d{4}"), ([01]),/g)].map((m) => ({
    name: m[1] ?? "",
    who: m[2] === "1",
  }));
}

describe("the guest's check table", () => {
  const rows = checkRows();

  it("has a row for every check the kernel writes, and no other", () => {
    const written = [...patch.matchAll(/"([a-z_]+)"/g)].map((m) => m[1] ?? "");
    expect(rows.map((r) => r.name).sort()).toEqual([...CHECK_NAMES].sort());
    for (const name of CHECK_NAMES) expect(written).toContain(name);
  });

  it("flags as 'who may change the link' the permission checks one can pass, the file rules' gate", () => {
    // era_no_map refuses everyone: setexe's "then:" hint about the file rules behind it would never come true.
    const passable = PERMISSION_CHECKS.filter((c) => c !== "era_no_map");
    expect(
      rows
        .filter((r) => r.who)
        .map((r) => r.name)
        .sort(),
    ).toEqual([...passable].sort());
  });
});
