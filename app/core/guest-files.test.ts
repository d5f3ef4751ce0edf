// Guest downloads are refused unless complete and intact, with a message that names the file.
import { afterEach, describe, expect, it, vi } from "vitest";
import { isDownloadUnanswered } from "./download-failure";
import { GuestFileError, fetchGuestFile, sha256Hex } from "./guest-files";
import { ManifestError, parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";

const bytes = new TextEncoder().encode("exelab guest file");

async function fileFor(data: Uint8Array) {
  return { name: "kernel-abc.bzImage", size: data.length, sha256: await sha256Hex(data.slice().buffer) };
}

describe("fetchGuestFile", () => {
  it("returns the bytes and reports progress", async () => {
    const progress: number[] = [];
    const out = await fetchGuestFile(
      "vm",
      await fileFor(bytes),
      async (url) => {
        expect(url).toBe("vm/kernel-abc.bzImage");
        return new Response(bytes);
      },
      (loaded) => progress.push(loaded),
    );
    expect(new Uint8Array(out)).toEqual(bytes);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it("refuses a damaged, truncated, oversized or missing file", async () => {
    const file = await fileFor(bytes);
    const damaged = bytes.slice();
    damaged[0] ^= 1;
    const cases: Array<[() => Promise<Response>, RegExp]> = [
      [async () => new Response(damaged), /damaged/],
      [async () => new Response(bytes.slice(0, 5)), /truncated/],
      [async () => new Response(new Uint8Array([...bytes, 1])), /larger/],
      [async () => new Response("nope", { status: 404 }), /HTTP 404/],
      [async () => Promise.reject(new Error("offline")), /offline/],
    ];
    for (const [fetcher, message] of cases) {
      await expect(fetchGuestFile("vm/", file, fetcher)).rejects.toThrow(message);
      await expect(fetchGuestFile("vm/", file, fetcher)).rejects.toBeInstanceOf(GuestFileError);
      // Only a request never answered is the network's fault (the offline copy cannot help there).
      const said = await fetchGuestFile("vm/", file, fetcher).then(
        () => "downloaded",
        (err: Error) => err.message,
      );
      expect(isDownloadUnanswered(said), said).toBe(message.source === "offline");
    }
  });

  describe("without crypto.subtle (a page on plain http off localhost)", () => {
    afterEach(() => vi.unstubAllGlobals());

    it("still checks the file, with our own hash", async () => {
      const file = await fileFor(bytes);
      vi.stubGlobal("crypto", {});
      const out = await fetchGuestFile("vm/", file, async () => new Response(bytes));
      expect(new Uint8Array(out)).toEqual(bytes);
      const damaged = bytes.slice();
      damaged[3] ^= 1;
      await expect(fetchGuestFile("vm/", file, async () => new Response(damaged))).rejects.toThrow(/damaged/);
    });
  });
});

describe("parseManifest", () => {
  const good = manifestJson;

  it("accepts the manifest vm:build writes", () => {
    expect(parseManifest(good).files.state?.console).toBe("$ ");
  });

  it("names what is wrong", () => {
    const broken = (files: object) => ({ ...good, files: { ...good.files, ...files } });
    expect(() => parseManifest({ format: 2 })).toThrow(ManifestError);
    expect(() => parseManifest(broken({ bios: undefined }))).toThrow(/files.bios is missing/);
    expect(() => parseManifest(broken({ bios: { ...good.files.bios, name: "../x" } }))).toThrow(
      /plain file name/,
    );
    expect(() => parseManifest(broken({ bios: { ...good.files.bios, sha256: "xyz" } }))).toThrow(/sha256/);
    expect(() => parseManifest(broken({ state: { ...good.files.state, console: 1 } }))).toThrow(/console/);
    expect(() => parseManifest(broken({ state: { ...good.files.state, rawSize: "40" } }))).toThrow(/rawSize/);
    const zstdKernel = { ...good.files.bzimage, name: "kernel-a.bzImage.zst" };
    expect(() => parseManifest(broken({ bzimage: zstdKernel }))).toThrow(/zstd but gives no rawSize/);
    expect(() => parseManifest(broken({ bzimage: { ...zstdKernel, rawSize: 0 } }))).toThrow(/rawSize/);
    expect(parseManifest(broken({ bzimage: { ...zstdKernel, rawSize: 40 } })).files.bzimage.rawSize).toBe(40);
  });
});
