// The static server's brotli output kept on disk by content, pruned of what no build has served lately.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const brotliOnce = promisify(brotliCompress);
const DAY_MS = 24 * 60 * 60 * 1000;

/** An entry no server has read for this long belongs to builds that are gone (each build adds ~2 MB). */
export const UNUSED_FOR_MS = 14 * DAY_MS;
/** A half-written entry this old was left by a process that died while writing it. */
export const PARTIAL_FOR_MS = DAY_MS;

export interface BrotliCache {
  compress(raw: Buffer): Promise<Buffer>;
}

/**
 * Removes the entries unused for UNUSED_FOR_MS and stale partial writes. A read marks an entry as
 * used (its mtime), so the files of the build being served are never the ones removed.
 */
export function pruneCache(dir: string, now = Date.now()): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const limit = name.endsWith(".partial") ? PARTIAL_FOR_MS : UNUSED_FOR_MS;
    try {
      if (now - statSync(path).mtimeMs <= limit) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Another process removed or renamed it meanwhile: nothing to do.
    }
  }
  return removed;
}

/**
 * The entry, marked as used; undefined when there is none (or another server's prune took it just
 * now: then it is compressed again). A cache that cannot be marked (read-only) is still read.
 */
function readCached(file: string): Buffer | undefined {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Not marked: at worst pruned in two weeks and compressed again then.
  }
  return body;
}

/**
 * Quality 11 costs some 13 s of CPU for the whole site, and every test file serves its own build:
 * the output is kept in `dir` by content, so the same bytes are compressed once per machine.
 */
export function brotliCache(dir: string): BrotliCache {
  let pruned = false;
  return {
    async compress(raw) {
      // Once per process, before the first entry is read or written.
      if (!pruned) {
        pruned = true;
        pruneCache(dir);
      }
      const file = join(dir, `${createHash("sha256").update(raw).digest("hex")}.br`);
      const cached = readCached(file);
      if (cached) return cached;
      const body = await brotliOnce(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      // Written whole, then renamed: another process serving the same file never reads half of it.
      mkdirSync(dir, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, body);
      renameSync(partial, file);
      return body;
    },
  };
}
