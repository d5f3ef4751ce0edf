// The benchmark's lower bound for TTI: the page's own engine (download, decompress, restore) and one
// command, with no page around it: no React, no terminal, no worker, no harness typing.
import { V86 } from "v86";
import wasmUrl from "v86/build/v86.wasm?url";
import manifestJson from "../../public/vm/manifest.json";
import { localLauncher } from "../../app/core/local-launcher";
import { parseManifest } from "../../app/core/manifest";
import type { V86Constructor } from "../../app/core/vm-session";
import { wasmCompiler } from "../../app/core/wasm-compiler";

const done = window as unknown as { restoreDone?: number | string };
const manifest = parseManifest(manifestJson);
const launcher = localLauncher({
  manifest,
  baseUrl: "./vm/",
  fetcher: (url) => fetch(url),
  loadV86: async () => V86 as unknown as V86Constructor,
  wasmPath: wasmUrl,
  wasmModule: wasmCompiler(wasmUrl),
});
launcher.prefetch("restore");
launcher
  .start("restore", () => {})
  .then(async (session) => {
    let text = "";
    session.onConsole((bytes) => {
      text += new TextDecoder().decode(bytes);
      if (text.includes("tti-42")) done.restoreDone = performance.now();
    });
    await session.whenLoaded();
    session.sendConsole(new TextEncoder().encode("echo tti-$((6*7))\r"));
  })
  .catch((err: Error) => (done.restoreDone = err.message));
