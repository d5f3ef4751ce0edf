// Brings a guest up: downloads what is needed, restores the saved state or cold-boots, waits for the agent.
import { AgentClient } from "./agent-client";
import { fetchGuestFile, type Fetcher } from "./guest-files";
import type { GuestFile, Manifest, StateFile } from "./manifest";
import type { GuestEvent } from "./protocol";
import { VmSession, type SessionImages, type V86Constructor } from "./vm-session";

export interface BootOptions {
  manifest: Manifest;
  baseUrl: string;
  wasmPath: string;
  /** Compiles (or returns the compiled) v86 wasm; called once per boot attempt. */
  wasmModule?: () => Promise<WebAssembly.Module>;
  fetcher: Fetcher;
  loadV86: () => Promise<V86Constructor>;
  /** Skip the saved state (URL flag, or a previous restore failed). */
  coldBoot: boolean;
  onProgress: (phase: "downloading" | "restoring" | "booting", detail: string, progress?: number) => void;
  /** Console bytes from the moment the emulator exists, so a cold boot's log reaches the terminal. */
  onConsole: (bytes: Uint8Array) => void;
  readyTimeoutMs?: number;
}

export interface BootedGuest {
  session: VmSession;
  agent: AgentClient;
  coldBoot: boolean;
  fallbackReason?: string;
  era: number;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** Resolves with the era the agent reports when it starts; rejects after timeoutMs of silence. */
export function waitForReady(agent: AgentClient, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the guest did not start its agent within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const off = agent.onEvent((e: GuestEvent) => {
      if (e.type !== "ready") return;
      clearTimeout(timer);
      off();
      resolve(e.era);
    });
  });
}

async function download(options: BootOptions, files: GuestFile[]): Promise<ArrayBuffer[]> {
  const total = files.reduce((s, f) => s + f.size, 0);
  const loaded = files.map(() => 0);
  return Promise.all(
    files.map((f, i) =>
      fetchGuestFile(options.baseUrl, f, options.fetcher, (l) => {
        loaded[i] = l;
        const sum = loaded.reduce((a, b) => a + b, 0);
        options.onProgress(
          "downloading",
          `Downloading the guest (${mb(sum)} of ${mb(total)} MB)`,
          sum / total,
        );
      }),
    ),
  );
}

async function start(options: BootOptions, images: SessionImages, V86: V86Constructor) {
  const session = new VmSession({
    V86,
    manifest: options.manifest,
    images,
    wasmPath: options.wasmPath,
    wasmModule: options.wasmModule?.(),
  });
  const agent = new AgentClient(session.controlTransport());
  session.onConsole(options.onConsole);
  return { session, agent };
}

async function restore(
  options: BootOptions,
  state: StateFile,
  V86Promise: Promise<V86Constructor>,
): Promise<BootedGuest> {
  const [buffer] = await download(options, [state]);
  performance.mark("exelab:state-downloaded");
  const V86 = await V86Promise;
  performance.mark("exelab:v86-code-loaded");
  options.onProgress("restoring", "Restoring the saved guest", 1);
  const { session, agent } = await start(options, { state: buffer }, V86);
  try {
    await session.whenLoaded();
    performance.mark("exelab:state-restored");
    // Before the restored guest's first live byte: what its console showed when it was saved.
    options.onConsole(new TextEncoder().encode(state.console));
    const hello = await agent.request({ type: "hello" }, 4000);
    performance.mark("exelab:agent-answered");
    return { session, agent, coldBoot: false, era: Number(hello.era) };
  } catch (err) {
    agent.dispose();
    await session.dispose().catch(() => {});
    throw err;
  }
}

async function coldBoot(options: BootOptions, V86Promise: Promise<V86Constructor>, reason?: string) {
  const { bzimage: kernelFile, bios: biosFile } = options.manifest.files;
  const [bzimage, bios] = await download(options, [kernelFile, biosFile]);
  const V86 = await V86Promise;
  options.onProgress(
    "booting",
    reason ? `Booting Linux (cold boot: ${reason})` : "Booting Linux (cold boot)",
    1,
  );
  const { session, agent } = await start(options, { bzimage, bios }, V86);
  const readyTimeout = options.readyTimeoutMs ?? 60_000;
  try {
    // A failed load (the wasm, say) must end the wait at once, not after the timeout.
    const loadFailed = session.whenLoaded().then(() => new Promise<never>(() => {}));
    const era = await Promise.race([waitForReady(agent, readyTimeout), loadFailed]);
    return { session, agent, coldBoot: true, fallbackReason: reason, era };
  } catch (err) {
    agent.dispose();
    await session.dispose().catch(() => {});
    throw err;
  }
}

/** Restores the saved state when there is one; falls back to a cold boot and says why. */
export async function bootGuest(options: BootOptions): Promise<BootedGuest> {
  const V86Promise = options.loadV86();
  // An unhandled rejection here would be reported twice; the awaits below surface it once.
  V86Promise.catch(() => {});
  if (options.coldBoot) return coldBoot(options, V86Promise, "the saved state was turned off (cold=1)");
  const state = options.manifest.files.state;
  if (!state) return coldBoot(options, V86Promise, "this build has no saved state");
  try {
    return await restore(options, state, V86Promise);
  } catch (err) {
    const reason = `the saved state could not be restored (${(err as Error).message})`;
    return coldBoot(options, V86Promise, reason);
  }
}
