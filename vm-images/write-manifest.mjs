// Writes public/vm/: the guest files under content-hashed names, and manifest.json describing them.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { MANIFEST, ROOT, VM_DIR, inputHashes, sha256, v86Version } from "./inputs.mjs";

const { values } = parseArgs({
  options: {
    bzimage: { type: "string" },
    bios: { type: "string" },
    package: { type: "string", multiple: true, default: [] },
  },
});
if (!values.bzimage || !values.bios)
  throw new Error("usage: write-manifest.mjs --bzimage F --bios F [--package name=ver]…");

/** Copies a file in as `<stem>-<hash12>.<ext>` so it can be cached forever. */
export function place(source, stem, ext) {
  const buffer = readFileSync(source);
  const hash = sha256(buffer);
  const name = `${stem}-${hash.slice(0, 12)}.${ext}`;
  copyFileSync(source, join(VM_DIR, name));
  return { name, sha256: hash, size: buffer.length };
}

/**
 * Writes a file in zstd -19 as `<stem>-<hash12>.<ext>.zst`, its hash and size those of the file
 * as served. The kernel's own compression is stored blocks (build-kernel.sh: a plain copy for the
 * guest to unpack); this is the one that makes it small on the wire, undone by the page.
 */
function placeZstd(source, stem, ext) {
  // No zstd checksum: the page checks the file's sha256 already.
  const buffer = execFileSync("zstd", ["-19", "--no-check", "-q", "-c", source], { maxBuffer: 1 << 28 });
  const hash = sha256(buffer);
  const name = `${stem}-${hash.slice(0, 12)}.${ext}.zst`;
  writeFileSync(join(VM_DIR, name), buffer);
  return { name, sha256: hash, size: buffer.length, rawSize: statSync(source).size };
}

const previous = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, "utf8")) : undefined;
const options = JSON.parse(readFileSync(join(ROOT, "vm-images/v86-options.json"), "utf8"));
const kernel = sha256(readFileSync(values.bzimage));
const bios = sha256(readFileSync(values.bios));
/**
 * What a saved state is made from. v86 runs the guest against the host's clock, so two snapshots of
 * the same guest differ in their bytes; a state made from these same inputs is kept, not remade,
 * so that two builds in a row give identical files.
 */
const stateInputs = {
  kernel,
  bios,
  v86: v86Version(),
  options: sha256(JSON.stringify(options)),
  maker: sha256(readFileSync(join(ROOT, "vm-images/make-state.ts"))),
};
const oldState = previous?.files?.state;
const keepState =
  oldState &&
  JSON.stringify(oldState.from) === JSON.stringify(stateInputs) &&
  existsSync(join(VM_DIR, oldState.name)) &&
  sha256(readFileSync(join(VM_DIR, oldState.name))) === oldState.sha256;

for (const name of readdirSync(VM_DIR)) {
  if (!(keepState && name === oldState.name)) rmSync(join(VM_DIR, name));
}

const manifest = {
  format: 1,
  v86: { version: v86Version(), options },
  files: {
    bzimage: placeZstd(values.bzimage, "kernel", "bzImage"),
    bios: place(values.bios, "seabios", "bin"),
    ...(keepState ? { state: oldState } : {}),
  },
  stateInputs,
  packages: Object.fromEntries(values.package.map((p) => p.split("="))),
  inputs: inputHashes(),
};
writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + "\n");
console.log(`write-manifest: ${basename(MANIFEST)} with ${Object.keys(manifest.files).join(", ")}`);
