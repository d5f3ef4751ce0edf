// The guest's corresponding source as the site ships it: which files, a README naming the Debian packages, one tar.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { tar } from "./tar.ts";

/** Where the site serves it, relative to the page (the site is built with base "./"). */
export const SOURCE_DIR = "source/";

/** Every file of it is read in the browser as text (the archive aside), whatever its name ends in. */
export const sourceContentType = (path: string): string =>
  path.endsWith(".tar") ? "application/x-tar" : "text/plain; charset=utf-8";

/**
 * Everything that makes the guest: vm-images/ (kernel patch and config, guest C tools and init, the
 * build scripts), the agent protocol the guest speaks, and what the saved-state maker imports from the
 * app; package.json and its lock so `npm ci && npm run vm:build` works in the unpacked archive; and
 * LICENSE, the notice the BSD-2-Clause says a copy of the source keeps.
 */
const ROOTS = ["vm-images", "app/core/protocol.ts", "package.json", "package-lock.json", "LICENSE"];
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;
const RESOLVE = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts"];

function walk(root: string, rel: string): string[] {
  const abs = join(root, rel);
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs)
    .filter((name) => !name.startsWith(".") && name !== "node_modules")
    .flatMap((name) => walk(root, posix.join(rel, name)));
}

/**
 * The committed files under PATHS and whether each is executable, as git records them: a build then
 * ships what the commit holds, not a stray log or editor backup, with modes no umask changes. Outside
 * a git checkout (the unpacked archive itself) undefined: every file there is the source.
 */
function tracked(root: string, paths: readonly string[]): Map<string, boolean> | undefined {
  let out: string;
  try {
    out = execFileSync("git", ["-C", root, "ls-files", "-s", "-z", "--", ...paths], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
  const files = new Map<string, boolean>();
  for (const entry of out.split("\0").filter(Boolean)) {
    const [meta, path] = entry.split("\t");
    files.set(path, meta.startsWith("100755"));
  }
  return files.size > 0 ? files : undefined;
}

/** Whether a source file is executable: git's record, else the file's own mode. */
function executable(root: string, path: string, git: Map<string, boolean> | undefined): boolean {
  return git?.get(path) ?? (statSync(join(root, path)).mode & 0o111) !== 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Repository paths of the corresponding source, sorted; relative imports are followed from the roots. */
export function sourceFiles(root: string): string[] {
  const found = new Set<string>();
  const git = tracked(root, ROOTS);
  const queue = git ? [...git.keys()] : ROOTS.flatMap((r) => walk(root, r));
  for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
    if (found.has(rel)) continue;
    found.add(rel);
    if (!/\.(ts|tsx|mjs|js)$/.test(rel)) continue;
    for (const [, spec] of readFileSync(join(root, rel), "utf8").matchAll(IMPORT)) {
      const base = posix.normalize(posix.join(posix.dirname(rel), spec));
      const hit = RESOLVE.map((ext) => base + ext).find((p) => isFile(join(root, p)));
      if (!hit) throw new Error(`${rel} imports ${spec}, which is not in the repository`);
      queue.push(hit);
    }
  }
  return [...found].sort();
}

/** Debian's convention: a binNMU ("+b1") rebuilds the binary package from the same source version. */
export function sourceVersion(binaryVersion: string): string {
  return binaryVersion.replace(/\+b\d+$/, "");
}

export interface SourceInfo {
  name: string;
  version: string;
  /** public/vm/manifest.json's "packages": the Debian packages the guest was built from, and their versions. */
  packages: Record<string, string>;
  files: readonly string[];
  tarName: string;
  /** package.json's engines.node: the Node.js the rebuild needs. */
  node?: string;
}

export function sourceReadme({ name, version, packages, files, tarName, node }: SourceInfo): string {
  const pkg = (key: string) => packages[key] ?? "(unknown: see public/vm/manifest.json)";
  const busybox = pkg("busybox-static:i386");
  const title = `${name} ${version}: corresponding source of the guest this site runs`;
  return `${title}
${"=".repeat(title.length)}

The emulated PC in this page runs a Linux kernel and BusyBox (both GPL-2.0) on SeaBIOS (LGPL-3.0):
vm/kernel-*.bzImage.zst is the kernel with BusyBox and our tools in its built-in initramfs (in zstd:
"zstd -d" gives the bzImage), vm/seabios-*.bin is the BIOS, and vm/state-*.bin.zst is a saved state
of that machine running.

Built on Debian 12 (bookworm) from these Debian packages:

  Linux 6.1   binary package linux-source-6.1 ${pkg("linux-source-6.1")}
              (Debian source package "linux", version ${pkg("linux-source-6.1")}),
              with our patch vm-images/kernel/exe-link-era.patch and configuration
              "make tinyconfig" + vm-images/kernel/config.fragment (vm-images/build-kernel.sh)
  BusyBox     binary package busybox-static:i386 ${busybox}
              (Debian source package "busybox", version ${sourceVersion(busybox)}), unchanged
  SeaBIOS     binary package seabios ${pkg("seabios")}
              (Debian source package "seabios", version ${sourceVersion(pkg("seabios"))}), unchanged
  compiler    gcc-12 ${pkg("gcc-12")}; the state is compressed with zstd ${pkg("zstd")}

Debian's sources: "apt-get source linux=${pkg("linux-source-6.1")}" (and likewise busybox, seabios) with
deb-src lines for bookworm, or https://snapshot.debian.org/ for any past version.

Our part: ${tarName} holds the files below (also here one by one, at the same paths).

${files.map((f) => `  ${f}`).join("\n")}

To rebuild the guest (Debian 12 on amd64, Node.js ${node ?? "(see package.json)"}, root for apt-get):

  tar xf ${tarName}
  cd ${name}-${version}
  npm ci
  npm run vm:build

vm:build (vm-images/build.sh) installs the Debian packages it lacks, builds our tools and the
initramfs around Debian's BusyBox, the patched kernel and the saved state into public/vm/, and
lists the package versions in public/vm/manifest.json. The kernel and BIOS come out identical to the byte; a saved
state differs in its bytes from build to build (v86 runs the guest against the host's clock).
`;
}

export interface SourceBundle {
  /** Site paths (under SOURCE_DIR) and their contents. */
  files: Map<string, Uint8Array>;
  readme: string;
  tar: string;
}

/** Everything the site serves under SOURCE_DIR: each file, the README and the tar of them all. */
export function sourceBundle(root: string, packages: Record<string, string>): SourceBundle {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    engines?: { node?: string };
  };
  const files = sourceFiles(root);
  const git = tracked(root, files);
  const top = `${pkg.name}-${pkg.version}`;
  const tarName = `${top}-source.tar`;
  const readme = new TextEncoder().encode(
    sourceReadme({ ...pkg, node: pkg.engines?.node, packages, files, tarName }),
  );
  const entries = files.map((f) => ({
    path: `${top}/${f}`,
    data: new Uint8Array(readFileSync(join(root, f))),
    executable: executable(root, f, git),
  }));
  entries.unshift({ path: `${top}/SOURCE-README.txt`, data: readme, executable: false });
  const out = new Map<string, Uint8Array>();
  for (const e of entries.slice(1)) out.set(SOURCE_DIR + e.path.slice(top.length + 1), e.data);
  out.set(`${SOURCE_DIR}README.txt`, readme);
  out.set(SOURCE_DIR + tarName, tar(entries));
  return { files: out, readme: `${SOURCE_DIR}README.txt`, tar: SOURCE_DIR + tarName };
}

/** The directory of a repository checkout, from this file's place in it. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
