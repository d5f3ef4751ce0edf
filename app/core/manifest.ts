// The guest manifest (public/vm/manifest.json): its type, and a parser that names what is wrong.

export interface GuestFile {
  name: string;
  sha256: string;
  size: number;
  /** Size once unpacked, for a file served in zstd (`.zst`): the page unpacks it before use. */
  rawSize?: number;
}

export interface V86GuestOptions {
  memory_size: number;
  vga_memory_size: number;
  cmdline: string;
  uart1: boolean;
  acpi: boolean;
  autostart: boolean;
  disable_keyboard: boolean;
  disable_mouse: boolean;
  disable_speaker: boolean;
}

export interface StateFile extends GuestFile {
  /** What the guest's console showed when the state was saved, replayed into the terminal on restore. */
  console: string;
  /** The era the guest ran when it was saved (its shell is always the default identity). */
  era: number;
  /** Size of the state once decompressed. */
  rawSize: number;
}

export interface Manifest {
  format: 1;
  v86: { version: string; options: V86GuestOptions };
  files: { bzimage: GuestFile; bios: GuestFile; state?: StateFile };
  packages: Record<string, string>;
  inputs: Record<string, string>;
}

export class ManifestError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const isSize = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

function file(v: unknown, role: string): GuestFile {
  if (!isRecord(v)) throw new ManifestError(`manifest: files.${role} is missing`);
  const { name, sha256, size } = v;
  if (typeof name !== "string" || !/^[A-Za-z0-9._-]+$/.test(name))
    throw new ManifestError(`manifest: files.${role}.name is not a plain file name`);
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256))
    throw new ManifestError(`manifest: files.${role}.sha256 is not a sha256`);
  if (!isSize(size)) throw new ManifestError(`manifest: files.${role}.size is not a positive integer`);
  const { rawSize } = v;
  if (rawSize !== undefined && !isSize(rawSize))
    throw new ManifestError(`manifest: files.${role}.rawSize is not a positive integer`);
  // The page unpacks a zstd file to the size the manifest gives, and checks it.
  if (name.endsWith(".zst") && rawSize === undefined)
    throw new ManifestError(`manifest: files.${role} is zstd but gives no rawSize`);
  return { name, sha256, size, ...(rawSize !== undefined && { rawSize }) };
}

export function parseManifest(json: unknown): Manifest {
  if (!isRecord(json) || json.format !== 1) throw new ManifestError("manifest: unknown format (expected 1)");
  const { v86, files, packages, inputs } = json;
  if (!isRecord(v86) || typeof v86.version !== "string" || !isRecord(v86.options))
    throw new ManifestError("manifest: v86 section is missing");
  const o = v86.options;
  if (typeof o.memory_size !== "number" || typeof o.cmdline !== "string")
    throw new ManifestError("manifest: v86.options lacks memory_size or cmdline");
  if (!isRecord(files)) throw new ManifestError("manifest: files section is missing");
  let state: StateFile | undefined;
  if (files.state !== undefined) {
    const s = files.state as Record<string, unknown>;
    if (typeof s.console !== "string" || typeof s.era !== "number" || typeof s.rawSize !== "number")
      throw new ManifestError("manifest: files.state lacks console, era or rawSize");
    state = { ...file(s, "state"), console: s.console, era: s.era, rawSize: s.rawSize };
  }
  return {
    format: 1,
    v86: { version: v86.version, options: o as unknown as V86GuestOptions },
    files: { bzimage: file(files.bzimage, "bzimage"), bios: file(files.bios, "bios"), state },
    packages: isRecord(packages) ? (packages as Record<string, string>) : {},
    inputs: isRecord(inputs) ? (inputs as Record<string, string>) : {},
  };
}
