// The launcher's kernel: served in zstd, unpacked before v86 gets it, refused in words when it is not right.
import { V86 } from "v86";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../app/core/guest-files";
import { localLauncher } from "../../app/core/local-launcher";
import type { Manifest } from "../../app/core/manifest";
import type { V86Constructor } from "../../app/core/vm-session";
import { WASM_PATH, loadManifest, readImage, wasmModule } from "./guest-vm";

/** A cold start whose manifest gives `kernel` (with `rawSize`) as the kernel file. */
async function coldStart(kernel: ArrayBuffer, rawSize: number): Promise<unknown> {
  const real = loadManifest();
  const name = "kernel-test.bzImage.zst";
  const manifest: Manifest = {
    ...real,
    files: {
      ...real.files,
      bzimage: { name, sha256: await sha256Hex(kernel), size: kernel.byteLength, rawSize },
    },
  };
  const launcher = localLauncher({
    manifest,
    baseUrl: "vm/",
    fetcher: async (url) => new Response(url.endsWith(name) ? kernel : readImage(real.files.bios.name)),
    loadV86: async () => V86 as unknown as V86Constructor,
    wasmPath: WASM_PATH,
    wasmModule,
  });
  return launcher.start("cold", () => {});
}

describe("the kernel's unpacking", () => {
  const { bzimage } = loadManifest().files;

  it("is checked against the size the manifest gives", async () => {
    const raw = bzimage.rawSize ?? 0;
    await expect(coldStart(readImage(bzimage.name), raw + 1)).rejects.toThrow(
      `could not unpack the kernel (${raw} bytes, the manifest says ${raw + 1})`,
    );
  });

  it("refuses a file that is not zstd", async () => {
    await expect(coldStart(new Uint8Array(4096).buffer, 4096)).rejects.toThrow(
      "could not unpack the kernel (it is not a zstd file that gives its size)",
    );
  });
});
