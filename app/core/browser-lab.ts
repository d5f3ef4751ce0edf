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

const manifest = parseManifest(manifestJson);
/** Where the guest's files are served, below the site's base URL. */
const vmBase = (baseUrl: string) => `${baseUrl.replace(/\/?$/, "/")}vm/`;
let compiled: Promise<WebAssembly.Module> | undefined;
function wasmModule(): Promise<WebAssembly.Module> {
  const current = compiled ?? compileWasm();
  compiled = current;
  // A failed compile is tried again on Retry.
  current.catch(() => {
    if (compiled === current) compiled = undefined;
  });
  return current;
}
const stateName = manifest.files.state?.name;
let earlyState: Promise<Response> | undefined;

/**
 * Called before React's code is evaluated (app/ui/early-start.ts): the wasm compiles and the saved
 * state arrives (both preloaded by the HTML) while the rest of the page's code still runs.
 */
export function startGuestDownloads(baseUrl: string, coldBoot: boolean): void {
  wasmModule();
  if (!stateName || coldBoot || earlyState) return;
  earlyState = fetch(`${vmBase(baseUrl)}${stateName}`);
  earlyState.catch(() => {});
}

/** Hands out the early download of the state once; everything else (and a retry) fetches anew. */
function fetcher(url: string): Promise<Response> {
  const early = earlyState;
  earlyState = undefined;
  return early && stateName && url.endsWith(`/${stateName}`) ? early : fetch(url);
}

export function createBrowserLab(options: BrowserLabOptions): Lab {
  return createLab({
    manifest,
    baseUrl: vmBase(options.baseUrl),
    wasmPath: wasmUrl,
    wasmModule,
    fetcher,
    // Loaded on demand so the first paint does not wait for the emulator's code.
    loadV86: () => import("v86").then((m) => m.V86 as unknown as V86Constructor),
    coldBoot: options.coldBoot,
    era: options.era,
    identity: options.identity,
  });
}
