// Downloads a guest file, reporting progress, and refuses it unless its size and sha256 match.
import { downloadUnanswered } from "./download-failure";
import { hex } from "./hex";
import type { GuestFile } from "./manifest";
import { sha256 } from "./sha256";

export type Fetcher = (url: string) => Promise<Response>;

export class GuestFileError extends Error {}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  // crypto.subtle exists only in secure contexts: not on plain http off localhost (a laptop serving a
  // room, an intranet) nor in a frame of such a page. Our own hash there: slower, the same answer.
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  const digest = subtle ? new Uint8Array(await subtle.digest("SHA-256", data)) : sha256(new Uint8Array(data));
  return hex(digest);
}

export async function fetchGuestFile(
  baseUrl: string,
  file: GuestFile,
  fetcher: Fetcher,
  onProgress: (loaded: number, total: number) => void = () => {},
): Promise<ArrayBuffer> {
  const url = `${baseUrl.replace(/\/?$/, "/")}${file.name}`;
  let response: Response;
  try {
    response = await fetcher(url);
  } catch (err) {
    throw new GuestFileError(downloadUnanswered(file.name, (err as Error).message));
  }
  if (!response.ok) throw new GuestFileError(`could not download ${file.name}: HTTP ${response.status}`);
  const out = new Uint8Array(file.size);
  let loaded = 0;
  const reader = response.body?.getReader();
  if (!reader) throw new GuestFileError(`could not read ${file.name}`);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > file.size) throw new GuestFileError(`${file.name} is larger than expected`);
    out.set(value, loaded);
    loaded += value.length;
    onProgress(loaded, file.size);
  }
  if (loaded !== file.size)
    throw new GuestFileError(`${file.name} is truncated (${loaded} of ${file.size} bytes)`);
  const hash = await sha256Hex(out.buffer);
  if (hash !== file.sha256) throw new GuestFileError(`${file.name} is damaged (sha256 mismatch)`);
  return out.buffer;
}
