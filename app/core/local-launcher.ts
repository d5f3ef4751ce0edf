// Starts the emulator on this thread: downloads and checks the guest's files, then creates v86.
import { fetchGuestFile, type Fetcher } from "./guest-files";
import type { GuestFile, Manifest } from "./manifest";
import type { BootMode, GuestSession, ProgressListener, SessionLauncher } from "./session-launcher";
import { unzstd } from "./zstd-decode";
import { VmSession, type SessionImages, type V86Constructor } from "./vm-session";

export interface LocalLauncherOptions {
  manifest: Manifest;
  /** Where the guest's files are served (a URL, or any prefix the fetcher understands). */
  baseUrl: string;
  fetcher: Fetcher;
  loadV86: () => Promise<V86Constructor>;
  /** Where v86.wasm is (browser: a URL; Node: a file path). */
  wasmPath: string;
  /** Compiles (or hands out the compiled) v86 wasm; called once per start, and to unpack zstd files. */
  wasmModule: () => Promise<WebAssembly.Module>;
}

export interface LocalLauncher extends SessionLauncher {
  /** Starts the downloads of `mode` now; the next start in that mode uses them (later ones fetch anew). */
  prefetch(mode: BootMode): void;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export function localLauncher(options: LocalLauncherOptions): LocalLauncher {
  const { manifest } = options;
  let listener: ProgressListener = () => {};
  const prefetched = new Map<BootMode, Promise<ArrayBuffer[]>>();

  function filesFor(mode: BootMode): GuestFile[] {
    const { state, bzimage, bios } = manifest.files;
    if (mode === "cold") return [bzimage, bios];
    if (!state) throw new Error("this build has no saved state");
    return [state];
  }

  async function download(mode: BootMode): Promise<ArrayBuffer[]> {
    const files = filesFor(mode);
    const total = files.reduce((s, f) => s + f.size, 0);
    const loaded = files.map(() => 0);
    const buffers = await Promise.all(
      files.map((f, i) =>
        fetchGuestFile(options.baseUrl, f, options.fetcher, (l) => {
          loaded[i] = l;
          const sum = loaded.reduce((a, b) => a + b, 0);
          listener(`Downloading the guest (${mb(sum)} of ${mb(total)} MB)`, sum / total);
        }),
      ),
    );
    return mode === "restore"
      ? [await unpackedState(buffers[0])]
      : [await unpackedKernel(buffers[0]), buffers[1]];
  }

  /**
   * The state arrives well before v86's code has loaded: decompressing it now, with the wasm already
   * compiled, takes that work off the restore (v86 would decompress it otherwise, so a failure here
   * leaves it to v86).
   */
  async function unpackedState(state: ArrayBuffer): Promise<ArrayBuffer> {
    const module = await options.wasmModule();
    try {
      return unzstd(module, state) ?? state;
    } catch {
      return state;
    }
  }

  /** The kernel is served in zstd (write-manifest.mjs), which v86 cannot take: unpacked here. */
  async function unpackedKernel(kernel: ArrayBuffer): Promise<ArrayBuffer> {
    const { rawSize } = manifest.files.bzimage;
    if (rawSize === undefined) return kernel;
    const fail = (why: string, cause?: unknown) =>
      new Error(`could not unpack the kernel (${why})`, cause === undefined ? undefined : { cause });
    // The emulator's own failure to load is said as it is: it is not about the kernel.
    const module = await options.wasmModule();
    let raw: ArrayBuffer | undefined;
    try {
      raw = unzstd(module, kernel);
    } catch (err) {
      throw fail((err as Error).message, err);
    }
    if (raw === undefined) throw fail("it is not a zstd file that gives its size");
    if (raw.byteLength !== rawSize) throw fail(`${raw.byteLength} bytes, the manifest says ${rawSize}`);
    return raw;
  }

  return {
    prefetch(mode) {
      if (prefetched.has(mode)) return;
      // The emulator's code and wasm too: they are needed in every mode.
      options.loadV86().catch(() => {});
      options.wasmModule().catch(() => {});
      const files = download(mode);
      // Reported by the start that uses it; unhandled here it would be reported twice.
      files.catch(() => {});
      prefetched.set(mode, files);
    },
    async start(mode, onProgress, signal): Promise<GuestSession> {
      listener = onProgress;
      const V86 = options.loadV86();
      V86.catch(() => {});
      const files = prefetched.get(mode) ?? download(mode);
      prefetched.delete(mode);
      const buffers = await files;
      // Called off while downloading (stalled, then resumed): no emulator for nobody.
      if (signal?.aborted) throw new Error("the start was called off");
      const images: SessionImages =
        mode === "restore" ? { state: buffers[0] } : { bzimage: buffers[0], bios: buffers[1] };
      return new VmSession({
        V86: await V86,
        manifest,
        images,
        wasmPath: options.wasmPath,
        wasmModule: options.wasmModule(),
      });
    },
  };
}
