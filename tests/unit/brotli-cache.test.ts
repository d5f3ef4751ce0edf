// The build's cache of brotli-compressed files: reuse, compressing again, and pruning.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { brotliCache, PARTIAL_FOR_MS, pruneCache, UNUSED_FOR_MS } from "../../scripts/brotli-cache";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "exelab-brotli-test-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file last used `ageMs` ago. */
function entry(name: string, ageMs: number): string {
  const path = join(dir, name);
  writeFileSync(path, "x");
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
  return path;
}

describe("pruneCache", () => {
  it("removes entries unused for two weeks and stale partial writes, nothing else", () => {
    entry("old.br", UNUSED_FOR_MS + 60_000);
    entry("recent.br", UNUSED_FOR_MS - 60_000);
    entry("dead.br.123.partial", PARTIAL_FOR_MS + 60_000);
    entry("writing.br.456.partial", 1_000);
    expect(pruneCache(dir).sort()).toEqual(["dead.br.123.partial", "old.br"]);
    expect(readdirSync(dir).sort()).toEqual(["recent.br", "writing.br.456.partial"]);
  });

  it("is quiet about a cache that does not exist yet", () => {
    expect(pruneCache(join(dir, "none"))).toEqual([]);
  });
});

describe("brotliCache", () => {
  it("compresses once, serves the same bytes again, and marks them used", async () => {
    const raw = Buffer.from("exelab ".repeat(1000));
    const cache = brotliCache(dir);
    const first = await cache.compress(raw);
    expect(brotliDecompressSync(first).equals(raw)).toBe(true);
    const [name] = readdirSync(dir);
    // What is on disk is what is served: not compressed again.
    const planted = Buffer.from("planted");
    writeFileSync(join(dir, name), planted);
    expect((await brotliCache(dir).compress(raw)).equals(planted)).toBe(true);
    writeFileSync(join(dir, name), first);
    // Last used long ago, as if by an older build: reading it again must keep it.
    const then = new Date(Date.now() - UNUSED_FOR_MS + 60_000);
    utimesSync(join(dir, name), then, then);
    expect((await brotliCache(dir).compress(raw)).equals(first)).toBe(true);
    expect(Date.now() - statSync(join(dir, name)).mtimeMs).toBeLessThan(60_000);
  });

  it("compresses again when its entry was removed (another server's prune)", async () => {
    const raw = Buffer.from("gone");
    await brotliCache(dir).compress(raw);
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    expect(brotliDecompressSync(await brotliCache(dir).compress(raw)).toString()).toBe("gone");
  });

  it("prunes before its first use", async () => {
    const old = entry("old.br", UNUSED_FOR_MS + 60_000);
    await brotliCache(dir).compress(Buffer.from("a"));
    expect(existsSync(old)).toBe(false);
  });
});
