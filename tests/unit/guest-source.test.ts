// The corresponding source the site ships: every guest input in it, Debian versions named, same bytes each build.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, SOURCE_DIR, sourceBundle, sourceFiles, sourceVersion } from "../../scripts/guest-source";

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "public/vm/manifest.json"), "utf8")) as {
  packages: Record<string, string>;
  inputs: Record<string, string>;
};

describe("the guest's corresponding source", () => {
  const files = sourceFiles(REPO_ROOT);

  it("is what the commit holds: no untracked file in the tree ships with it", () => {
    const stray = join(REPO_ROOT, "vm-images", `stray-${process.pid}.log`);
    writeFileSync(stray, "a build log nobody committed\n");
    try {
      expect(sourceFiles(REPO_ROOT).filter((f) => f.includes("stray-"))).toEqual([]);
    } finally {
      rmSync(stray);
    }
  });

  it("holds every input the manifest records for the guest, and what rebuilds it", () => {
    for (const input of Object.keys(manifest.inputs)) expect(files).toContain(input);
    for (const needed of [
      "vm-images/build.sh",
      "package.json",
      "package-lock.json",
      "vm-images/make-state.ts",
      "LICENSE",
    ]) {
      expect(files).toContain(needed);
    }
    // What the state maker imports from the app, followed import by import.
    expect(files).toContain("app/core/vm-session.ts");
    expect(files).toContain("app/core/store.ts");
    // No page code, no build cache, no built guest.
    expect(files.filter((f) => /^(app\/ui|public|\.cache|node_modules|dist)\//.test(f))).toEqual([]);
  });

  it("names the Debian packages at the built versions, and the source versions of binNMUs", () => {
    expect(sourceVersion("1:1.35.0-4+deb12u1+b1")).toBe("1:1.35.0-4+deb12u1");
    expect(sourceVersion("1.16.2-1")).toBe("1.16.2-1");
    const bundle = sourceBundle(REPO_ROOT, manifest.packages);
    const readme = new TextDecoder().decode(bundle.files.get(bundle.readme));
    for (const version of Object.values(manifest.packages)) expect(readme).toContain(version);
    expect(readme).toContain("npm run vm:build");
    expect(readme).toContain(bundle.tar.slice(SOURCE_DIR.length));
  });

  it("rebuilds from the kernel source the committed guest was built from, whatever the mirror offers", () => {
    const build = readFileSync(join(REPO_ROOT, "vm-images/build.sh"), "utf8");
    expect(/^LINUX_SOURCE=(\S+)$/m.exec(build)?.[1]).toBe(manifest.packages["linux-source-6.1"]);
  });

  it("serves each file as it is in the repository, and the same archive on every build", () => {
    const a = sourceBundle(REPO_ROOT, manifest.packages);
    const same = (x: Uint8Array | undefined, y: Uint8Array | undefined) =>
      !!x && !!y && Buffer.from(x).equals(y);
    for (const f of files)
      expect(same(a.files.get(SOURCE_DIR + f), readFileSync(join(REPO_ROOT, f))), f).toBe(true);
    expect(a.tar).toMatch(/^source\/exelab-[\d.]+-source\.tar$/);
    expect(same(sourceBundle(REPO_ROOT, manifest.packages).files.get(a.tar), a.files.get(a.tar))).toBe(true);
  });
});
