// Brings a guest up: downloads what is needed, restores the saved state or cold-boots, waits for the agent.
import { AgentClient } from "./agent-client";
import type { Manifest, StateFile } from "./manifest";
import type { GuestEvent } from "./protocol";
import type { GuestSession, SessionLauncher } from "./session-launcher";

export interface BootOptions {
  manifest: Manifest;
  /** Where the emulator runs: this thread, or the page's worker. */
  launcher: SessionLauncher;
  /** Skip the saved state (URL flag, or a previous restore failed). */
  coldBoot: boolean;
  onProgress: (phase: "downloading" | "restoring" | "booting", detail: string, progress?: number) => void;
  /** Console bytes from the moment the emulator exists, so a cold boot's log reaches the terminal. */
  onConsole: (bytes: Uint8Array) => void;
  readyTimeoutMs?: number;
}

export interface BootedGuest {
  session: GuestSession;
  agent: AgentClient;
  coldBoot: boolean;
  fallbackReason?: string;
  era: number;
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

async function restore(options: BootOptions, state: StateFile): Promise<BootedGuest> {
  const session = await options.launcher.start("restore", (detail, progress) =>
    options.onProgress("downloading", detail, progress),
  );
  options.onProgress("restoring", "Restoring the saved guest", 1);
  const agent = new AgentClient(session.controlTransport());
  try {
    await session.whenLoaded();
    performance.mark("exelab:state-restored");
    // Before the restored guest's first live byte (held until now): what its console showed when saved.
    options.onConsole(new TextEncoder().encode(state.console));
    session.onConsole(options.onConsole);
    const hello = await agent.request({ type: "hello" }, 4000);
    performance.mark("exelab:agent-answered");
    return { session, agent, coldBoot: false, era: Number(hello.era) };
  } catch (err) {
    agent.dispose();
    await session.dispose().catch(() => {});
    throw err;
  }
}

async function coldBoot(options: BootOptions, reason: string): Promise<BootedGuest> {
  const session = await options.launcher.start("cold", (detail, progress) =>
    options.onProgress("downloading", detail, progress),
  );
  options.onProgress("booting", `Booting Linux (cold boot: ${reason})`, 1);
  session.onConsole(options.onConsole);
  const agent = new AgentClient(session.controlTransport());
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
  if (options.coldBoot) return coldBoot(options, "the saved state was turned off (cold=1)");
  const state = options.manifest.files.state;
  if (!state) return coldBoot(options, "this build has no saved state");
  try {
    return await restore(options, state);
  } catch (err) {
    return coldBoot(options, `the saved state could not be restored (${(err as Error).message})`);
  }
}
