// The lab as the page uses it: the manifest bundled at build time, v86 and its wasm served by us.
import wasmUrl from "v86/build/v86.wasm?url";
import manifestJson from "../../public/vm/manifest.json";
import { createLab } from "./lab";
import type { Lab } from "./lab-types";
import { parseManifest } from "./manifest";
import type { Era, Identity } from "./protocol";
import type { V86Constructor } from "./vm-session";

export interface BrowserLabOptions {
  /** Where the site is served from (import.meta.env.BASE_URL). */
  baseUrl: string;
  coldBoot?: boolean;
  era?: Era;
  identity?: Identity;
}

/** Compiles v86.wasm while it streams in (the HTML preloads it); some hosts serve a wrong MIME type. */
function compileWasm(): Promise<WebAssembly.Module> {
  return WebAssembly.compileStreaming(fetch(wasmUrl))
    .catch(async () => {
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    })
    .catch((err: Error) => {
      throw new Error(`could not load the emulator (v86.wasm): ${err.message}`);
    });
}

export function createBrowserLab(options: BrowserLabOptions): Lab {
  // Started now, so the wasm compiles while the rest loads; a failed compile is tried again on Retry.
  let compiled: Promise<WebAssembly.Module> | undefined;
  const wasmModule = () => {
    const current = compiled ?? compileWasm();
    compiled = current;
    current.catch(() => {
      if (compiled === current) compiled = undefined;
    });
    return current;
  };
  wasmModule();
  return createLab({
    manifest: parseManifest(manifestJson),
    baseUrl: `${options.baseUrl.replace(/\/?$/, "/")}vm/`,
    wasmPath: wasmUrl,
    wasmModule,
    // Loaded on demand so the first paint does not wait for the emulator's code.
    loadV86: () => import("v86").then((m) => m.V86 as unknown as V86Constructor),
    coldBoot: options.coldBoot,
    era: options.era,
    identity: options.identity,
  });
}
