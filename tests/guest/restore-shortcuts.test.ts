// The page's restore gives exactly what v86's own restore gives, shortcuts and all: the state
// decompressed ahead of time, guest memory not zeroed first, the restore done by the session, and
// input sent while it restores held until the guest runs.
import { createHash } from "node:crypto";
import { V86 } from "v86";
import { describe, expect, it } from "vitest";
import { AgentClient } from "../../app/core/agent-client";
import type { Manifest } from "../../app/core/manifest";
import { unzstd, zstdContentSize } from "../../app/core/zstd-decode";
import { VmSession, type V86Constructor } from "../../app/core/vm-session";
import { WASM_PATH, loadManifest, readImage, trackedV86, wasmModule } from "./guest-vm";

const manifest = loadManifest();
const state = manifest.files.state;
// Restored but not run, so two restores can be compared byte for byte.
const paused: Manifest = {
  ...manifest,
  v86: { ...manifest.v86, options: { ...manifest.v86.options, autostart: false } },
};

/** A hash of guest memory, the 32 MB the guest sees. */
function memoryHash(emulator: unknown): string {
  const mem = (emulator as { v86: { cpu: { mem8: Uint8Array } } }).v86.cpu.mem8;
  return createHash("sha256")
    .update(new Uint8Array(mem.buffer, mem.byteOffset, mem.length))
    .digest("hex");
}

/** v86's own restore, untouched: the compressed state as its initial_state, v86 loading its wasm. */
async function v86Restore(image: ArrayBuffer): Promise<string> {
  const o = paused.v86.options;
  const emulator = new (V86 as unknown as V86Constructor)({
    wasm_path: WASM_PATH,
    memory_size: o.memory_size,
    vga_memory_size: o.vga_memory_size,
    uart1: o.uart1,
    acpi: o.acpi,
    autostart: false,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    initial_state: { buffer: image },
  });
  try {
    await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
    return memoryHash(emulator);
  } finally {
    await emulator.destroy();
  }
}

/** The page's restore (VmSession, precompiled wasm, first zeroing skipped) of `image`. */
async function pageRestore(image: ArrayBuffer): Promise<string> {
  const tracked = trackedV86();
  const session = new VmSession({
    V86: tracked.V86,
    manifest: paused,
    images: { state: image },
    wasmPath: WASM_PATH,
    wasmModule: wasmModule(),
  });
  try {
    await session.whenLoaded();
    return memoryHash(tracked.last());
  } finally {
    await session.dispose();
  }
}

describe("restore shortcuts", () => {
  it("decompresses the state to the size zstd declared, in v86's state format", async () => {
    if (!state) throw new Error("the build has no saved state");
    const compressed = readImage(state.name);
    expect(zstdContentSize(new Uint8Array(compressed))).toBe(state.rawSize);
    const raw = unzstd(await wasmModule(), compressed);
    expect(raw?.byteLength).toBe(state.rawSize);
    // v86's saved-state magic number.
    expect(new Uint32Array(raw as ArrayBuffer, 0, 1)[0]).toBe(0x86768676);
  });

  it("refuses what is not a zstd frame with a size, so v86 gets the bytes as they are", async () => {
    expect(zstdContentSize(Uint8Array.of(1, 2, 3, 4, 5, 6, 7))).toBeUndefined();
    expect(unzstd(await wasmModule(), new ArrayBuffer(64))).toBeUndefined();
  });

  it("leaves guest memory exactly as v86's own restore of the compressed state does", async () => {
    if (!state) throw new Error("the build has no saved state");
    const reference = await v86Restore(readImage(state.name));
    const raw = unzstd(await wasmModule(), readImage(state.name));
    expect(await pageRestore(raw as ArrayBuffer)).toBe(reference);
  });

  /**
   * A session restoring the state, with `early` typed before v86 even has a machine (sent straight
   * to it, it would be lost), and what its console shows once `until` appears there (10 s at most).
   */
  async function typedWhileRestoring(
    early: string,
    until: string,
    withAgent: (a: AgentClient) => Promise<void>,
  ) {
    if (!state) throw new Error("the build has no saved state");
    const session = new VmSession({
      V86: V86 as unknown as V86Constructor,
      manifest,
      images: { state: readImage(state.name) },
      wasmPath: WASM_PATH,
      wasmModule: wasmModule(),
    });
    const agent = new AgentClient(session.controlTransport());
    let screen = "";
    session.onConsole((bytes) => (screen += new TextDecoder().decode(bytes)));
    try {
      session.sendConsole(new TextEncoder().encode(early));
      const asked = withAgent(agent);
      await session.whenLoaded();
      await asked;
      const deadline = Date.now() + 10_000;
      while (!screen.includes(until) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return screen;
    } finally {
      agent.dispose();
      await session.dispose();
    }
  }

  it("holds keys and requests sent while it restores, and hands them to the guest once it runs", async () => {
    const screen = await typedWhileRestoring("echo early-$((6*7))\r", "early-42", async (agent) => {
      const hello = await agent.request({ type: "hello" }, 10_000);
      expect(Number(hello.era)).toBe(state?.era);
    });
    expect(screen).toContain("early-42");
  });

  it("runs a command typed before the page gives its size at the saved screen's 24 × 80, not 0 × 0", async () => {
    const screen = await typedWhileRestoring("stty size; echo done-$((6*7))\r", "done-42", async () => {});
    expect(screen).toMatch(/\n24 80\r\ndone-42/);
  });
});
