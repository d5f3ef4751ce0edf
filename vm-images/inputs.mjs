// The guest's inputs and their hashes: shared by the manifest writer and `npm run vm:verify`.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
export const VM_DIR = join(ROOT, "public/vm");
export const MANIFEST = join(VM_DIR, "manifest.json");

/** Files whose content decides what the guest is. Tests and docs beside them do not. */
function isInput(rel) {
  return !rel.endsWith(".test.ts") && !rel.endsWith(".md");
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function sha256(buffer) {
  return createHash("sha256").update(buffer).digest("hex");
}

/** sha256 of every guest source (vm-images/ and the protocol it implements), keyed by repo path. */
export function inputHashes() {
  const protocol = ["app/core/protocol.ts", "app/core/protocol-framing.ts"].map((p) => join(ROOT, p));
  const files = [...walk(join(ROOT, "vm-images")), ...protocol];
  const out = {};
  for (const path of files.map((p) => relative(ROOT, p)).sort()) {
    if (isInput(path)) out[path] = sha256(readFileSync(join(ROOT, path)));
  }
  return out;
}

/** The v86 version actually installed: a saved state only restores into the same one. */
export function v86Version() {
  return JSON.parse(readFileSync(join(ROOT, "node_modules/v86/package.json"), "utf8")).version;
}
