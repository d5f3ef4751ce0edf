// A minimal ustar writer: regular files only, every header fixed, so the same files give the same bytes.

export interface TarEntry {
  /** Path inside the archive, "/"-separated, at most 100 bytes. */
  path: string;
  data: Uint8Array;
  executable?: boolean;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/** Writes `value` as a zero-padded octal field of `width` bytes (the last one NUL), as ustar wants. */
function octal(header: Uint8Array, offset: number, width: number, value: number): void {
  const text = value.toString(8).padStart(width - 1, "0");
  if (text.length > width - 1) throw new Error(`tar: ${value} does not fit in ${width - 1} octal digits`);
  header.set(encoder.encode(text), offset);
}

function header(entry: TarEntry): Uint8Array {
  const name = encoder.encode(entry.path);
  if (name.length > 100) throw new Error(`tar: path over 100 bytes: ${entry.path}`);
  if (entry.path.startsWith("/") || entry.path.split("/").includes("..")) {
    throw new Error(`tar: path must stay inside the archive: ${entry.path}`);
  }
  const h = new Uint8Array(BLOCK);
  h.set(name, 0);
  octal(h, 100, 8, entry.executable ? 0o755 : 0o644);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, entry.data.length);
  // No mtime: a build at another time must give the same archive.
  octal(h, 136, 12, 0);
  h[156] = "0".charCodeAt(0);
  h.set(encoder.encode("ustar\0" + "00"), 257);
  h.set(encoder.encode("root"), 265);
  h.set(encoder.encode("root"), 297);
  // The checksum is summed with its own field as eight spaces, then written as six digits, NUL, space.
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  h.set(encoder.encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
  return h;
}

/** The archive of `entries`, in the order given, ended by the two zero blocks tar expects. */
export function tar(entries: readonly TarEntry[]): Uint8Array {
  const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
  const size = entries.reduce((n, e) => n + BLOCK + padded(e.data.length), 2 * BLOCK);
  const out = new Uint8Array(size);
  let at = 0;
  for (const entry of entries) {
    out.set(header(entry), at);
    out.set(entry.data, at + BLOCK);
    at += BLOCK + padded(entry.data.length);
  }
  return out;
}
