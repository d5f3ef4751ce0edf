// When v86 cannot start a guest, the session says so at once, in v86's words: it never waits for ever.
import { V86 } from "v86";
import { describe, expect, it } from "vitest";
import { VmSession, type SessionImages, type V86Constructor } from "../../app/core/vm-session";
import { WASM_PATH, loadManifest, readImage, readKernel, wasmModule } from "./guest-vm";

const manifest = loadManifest();

/** Starts a session and returns how whenLoaded ended: "loaded", or the error's message. */
async function outcome(images: SessionImages, module: Promise<WebAssembly.Module>): Promise<string> {
  const session = new VmSession({
    V86: V86 as unknown as V86Constructor,
    manifest,
    images,
    wasmPath: WASM_PATH,
    wasmModule: module,
  });
  try {
    await session.whenLoaded();
    return "loaded";
  } catch (err) {
    return (err as Error).message;
  } finally {
    await session.dispose();
  }
}

/** v86's saved-state header (magic, version, length, info length) with nothing after it. */
function stateHeader(version: number): ArrayBuffer {
  return Int32Array.of(0x86768676 | 0, version, 16, 0).buffer;
}

/**
 * A valid wasm module that asks its host for a function v86 does not provide, so instantiating it
 * with v86's imports fails: (module (import "env" "exelab_missing" (func))).
 */
function unlinkableModule(): Promise<WebAssembly.Module> {
  const name = [..."exelab_missing"].map((c) => c.charCodeAt(0));
  const env = [..."env"].map((c) => c.charCodeAt(0));
  const imports = [1, env.length, ...env, name.length, ...name, 0x00, 0x00];
  return WebAssembly.compile(
    Uint8Array.of(
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00],
      ...[0x02, imports.length, ...imports],
    ),
  );
}

describe("a guest v86 cannot start", () => {
  it("a state that is not one is refused with v86's reason", async () => {
    expect(await outcome({ state: new ArrayBuffer(64) }, wasmModule())).toMatch(/Invalid header/);
  });

  it("a state from another v86 version is refused with v86's reason", async () => {
    expect(await outcome({ state: stateHeader(5) }, wasmModule())).toMatch(/Version mismatch/);
  });

  it("a wasm that cannot be instantiated ends the wait, for a restore and for a cold boot", async () => {
    const state = manifest.files.state;
    if (!state) throw new Error("the build has no saved state");
    expect(await outcome({ state: readImage(state.name) }, unlinkableModule())).toMatch(/exelab_missing/);
    const cold = {
      bzimage: await readKernel(manifest),
      bios: readImage(manifest.files.bios.name),
    };
    expect(await outcome(cold, unlinkableModule())).toMatch(/exelab_missing/);
  });

  it("the real state and wasm load (the cases above fail for their own reasons)", async () => {
    const state = manifest.files.state;
    if (!state) throw new Error("the build has no saved state");
    expect(await outcome({ state: readImage(state.name) }, wasmModule())).toBe("loaded");
  });
});
