// The licence texts the site serves: every listed file is there to read, and each is a licence or a notice.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/guest-source";
import { LICENCE_DIR, LICENCE_TEXTS, licenceTexts } from "../../scripts/licence-texts";

describe("the licence texts", () => {
  it("are read from files that exist: a missing one would fail the build, not a reader's link", () => {
    for (const { from } of LICENCE_TEXTS) {
      expect(existsSync(join(REPO_ROOT, from)), from).toBe(true);
      expect(statSync(join(REPO_ROOT, from)).size, from).toBeGreaterThan(0);
    }
  });

  it("are served under licenses/ as .txt, each name once", () => {
    const names = LICENCE_TEXTS.map((t) => t.file);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[\w.-]+\.txt$/);
    expect([...licenceTexts(REPO_ROOT).keys()]).toEqual(names.map((n) => LICENCE_DIR + n));
  });

  it("each hold a copyright notice or a licence's title", () => {
    for (const [path, body] of licenceTexts(REPO_ROOT)) {
      expect(new TextDecoder().decode(body), path).toMatch(
        /Copyright|GNU (LESSER )?GENERAL PUBLIC LICENSE|GCC RUNTIME LIBRARY EXCEPTION/,
      );
    }
  });

  it("name exelab's own notice from the repository's LICENSE", () => {
    const exelab = new TextDecoder().decode(licenceTexts(REPO_ROOT).get(`${LICENCE_DIR}exelab.txt`));
    expect(exelab).toContain("Copyright (c) 2026, the exelab authors");
    expect(exelab).toContain("BSD 2-Clause License");
  });
});
