// The tar writer: GNU tar reads back the same files and modes, and the same input gives the same bytes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tar, type TarEntry } from "../../scripts/tar";

const text = (s: string) => new TextEncoder().encode(s);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function extract(archive: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "exelab-tar-"));
  dirs.push(dir);
  writeFileSync(join(dir, "a.tar"), archive);
  execFileSync("tar", ["-xf", "a.tar", "--no-same-owner"], { cwd: dir });
  return dir;
}

const entries: TarEntry[] = [
  { path: "top/build.sh", data: text("#!/bin/sh\necho hi\n"), executable: true },
  { path: "top/sub/empty", data: new Uint8Array(0) },
  // Exactly one block, and one byte more: the padding at both edges.
  { path: "top/sub/block", data: new Uint8Array(512).fill(65) },
  { path: "top/sub/block-and-one", data: new Uint8Array(513).fill(66) },
  { path: "top/ünïcode.txt", data: text("ü\n") },
];

describe("tar", () => {
  it("is read back by tar, file for file and mode for mode", () => {
    const dir = extract(tar(entries));
    for (const e of entries) {
      expect(new Uint8Array(readFileSync(join(dir, e.path)))).toEqual(e.data);
      expect(statSync(join(dir, e.path)).mode & 0o777).toBe(e.executable ? 0o755 : 0o644);
    }
    const listing = execFileSync("tar", ["-tvf", join(dir, "a.tar")], { encoding: "utf8" });
    expect(listing.trim().split("\n")).toHaveLength(entries.length);
  });

  it("is made of whole blocks, ends with two zero blocks and carries no time", () => {
    const archive = tar(entries);
    expect(archive.length % 512).toBe(0);
    expect(archive.subarray(-1024).every((b) => b === 0)).toBe(true);
    expect(tar(entries)).toEqual(archive);
    const mtime = new TextDecoder().decode(archive.subarray(136, 147));
    expect(mtime).toBe("0".repeat(11));
  });

  it("refuses paths it cannot store or that would leave the archive", () => {
    const data = new Uint8Array(1);
    expect(() => tar([{ path: "a/".repeat(51), data }])).toThrow(/100 bytes/);
    expect(() => tar([{ path: "/etc/passwd", data }])).toThrow(/inside/);
    expect(() => tar([{ path: "a/../../b", data }])).toThrow(/inside/);
  });
});
