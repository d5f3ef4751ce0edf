// The framework-free lab over the real guest under Node, as the guest suites make it and wait on it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLab, type LabOptions } from "../../app/core/lab";
import type { Lab } from "../../app/core/lab-types";
import { localLauncher } from "../../app/core/local-launcher";
import { WASM_PATH, loadManifest, wasmModule, type trackedV86 } from "./guest-vm";

const VM_DIR = new URL("../../public/vm/", import.meta.url).pathname;

/**
 * A lab over the committed guest, its files read from public/vm/ and v86 from `tracked` (so a test
 * can freeze the machine the way a wedged emulator would).
 */
export function guestLab(tracked: ReturnType<typeof trackedV86>, options: Partial<LabOptions> = {}): Lab {
  const manifest = loadManifest();
  const lab = createLab({
    manifest,
    launcher: localLauncher({
      manifest,
      baseUrl: "vm/",
      wasmPath: WASM_PATH,
      fetcher: async (url) => new Response(readFileSync(join(VM_DIR, url.replace(/^.*\//, "")))),
      loadV86: async () => tracked.V86,
      // As in the page: the state is decompressed with the compiled wasm before v86 restores it.
      wasmModule,
    }),
    ...options,
  });
  // A timed-out wait shows what the terminal last said: a flaky run then explains itself.
  const decoder = new TextDecoder();
  let tail = "";
  lab.onTerminalOutput((bytes) => {
    tail = (tail + decoder.decode(bytes, { stream: true })).slice(-TAIL_CHARS);
  });
  terminalTails.set(lab, () => tail);
  return lab;
}

const TAIL_CHARS = 600;
const terminalTails = new WeakMap<Lab, () => string>();

/** Resolves with `test`'s first defined value; a timeout says what was awaited and the lab's status. */
export function until<T>(lab: Lab, what: string, test: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const v = test();
      if (v !== undefined) {
        clearInterval(poll);
        resolve(v);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        const tail = terminalTails.get(lab)?.() ?? "";
        reject(
          new Error(
            `timed out waiting for ${what}; status ${JSON.stringify(lab.status.get())}; ` +
              `the terminal's last words: ${JSON.stringify(tail)}`,
          ),
        );
      }
    }, 20);
  });
}
