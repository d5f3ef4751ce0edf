// The emulator's worker: downloads the guest, restores or boots it, and runs v86 off the page's thread.
import wasmUrl from "v86/build/v86.wasm?url";
import manifestJson from "../../public/vm/manifest.json";
import { localLauncher, type LocalLauncher } from "./local-launcher";
import { parseManifest } from "./manifest";
import type { BootMode, GuestSession } from "./session-launcher";
import type { V86Constructor } from "./vm-session";
import { emulatorUnavailable } from "./emulator-unavailable";
import { wasmCompiler } from "./wasm-compiler";
import { parseToWorker, type FromWorker } from "./worker-messages";
import { prefetchFromUrl } from "./worker-url";

/** The worker's global scope, typed for what this file uses (the DOM lib types `self` as a window). */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
};

const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const manifest = parseManifest(manifestJson);
let launcher: LocalLauncher | undefined;
let session: GuestSession | undefined;
let started = false;

function launcherFor(vmBase: string): LocalLauncher {
  launcher ??= localLauncher({
    manifest,
    baseUrl: vmBase,
    fetcher: (url) => fetch(url),
    loadV86: () =>
      import("v86")
        .then((m) => m.V86 as unknown as V86Constructor)
        .catch((err: Error) => {
          throw new Error(emulatorUnavailable("v86's code", err.message));
        }),
    wasmPath: wasmUrl,
    wasmModule: wasmCompiler(wasmUrl),
  });
  return launcher;
}

/** One start per worker: a retry or a fallback gets a fresh worker, with nothing left of this one. */
async function start(mode: BootMode, vmBase: string): Promise<void> {
  if (started) return post({ type: "failed", message: "this emulator was already started" });
  started = true;
  try {
    const s = await launcherFor(vmBase).start(mode, (detail, progress) =>
      post({ type: "progress", detail, progress }),
    );
    session = s;
    post({ type: "started" });
    // Each chunk is the worker's own copy, so it is handed over rather than copied again.
    s.onConsole((bytes) => post({ type: "console", bytes }, [bytes.buffer]));
    s.controlTransport().onBytes((bytes) => post({ type: "control", bytes }, [bytes.buffer]));
    s.onEnd((end) => post({ type: "ended", end }));
    await s.whenLoaded();
    post({ type: "loaded" });
  } catch (err) {
    post({ type: "failed", message: (err as Error).message });
  }
}

scope.onmessage = (event) => {
  const message = parseToWorker(event.data);
  if (!message) return;
  switch (message.type) {
    case "start":
      void start(message.mode, message.vmBase);
      break;
    case "console":
      session?.sendConsole(message.bytes);
      break;
    case "control":
      session?.controlTransport().send(message.bytes);
      break;
    case "pause":
      session?.setPaused(message.paused);
      break;
    case "drop-console":
      session?.dropConsoleInput();
      break;
    case "pulse": {
      const { id } = message;
      const pulse = session
        ? session.pulse()
        : Promise.resolve({ alive: false, why: "no guest runs" } as const);
      void pulse.then((p) => post({ type: "pulse", id, pulse: p }));
      break;
    }
  }
};

// The page asks for its downloads in this worker's URL, so they start now (see worker-url.ts).
const prefetch = prefetchFromUrl(self.location.search);
if (prefetch) launcherFor(prefetch.vmBase).prefetch(prefetch.mode);
