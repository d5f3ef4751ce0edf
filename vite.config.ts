// Vite build of the static site: React, Tailwind, hashed assets, v86's wasm served from our origin.
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { PREFETCH_PARAMS, SCHEDULER_FLAG } from "./app/core/worker-url.ts";
import { aboutInfo } from "./scripts/about-info.ts";
import { v86NodeOnlyImports } from "./scripts/v86-node-only-imports.ts";

/**
 * Starts the emulator's worker from the HTML, before the page's own code has even arrived: the worker
 * then fetches the saved state (or, with ?cold=1, the kernel and BIOS), compiles v86.wasm and loads
 * v86's code in parallel with the page's (what to fetch rides in the worker's URL, written here as
 * app/core/worker-url.ts writes it, with its parameter names). app/core/browser-lab.ts takes the worker over from
 * `window.exelabEarlyVm`; its messages until then wait in `messages`.
 */
function startWorkerEarly(): Plugin {
  return {
    name: "exelab-start-worker-early",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((f) => /^assets\/vm-worker-[\w-]+\.js$/.test(f));
        if (!worker) throw new Error("the emulator's worker is missing from the bundle");
        const script = `try {
  var mode = /[?&]cold=1(&|$)/.test(location.search) ? "cold" : "restore";
  var url = new URL(${JSON.stringify(`./${worker}`)}, location.href);
  url.searchParams.set(${JSON.stringify(SCHEDULER_FLAG)}, "");
  url.searchParams.set(${JSON.stringify(PREFETCH_PARAMS.mode)}, mode);
  url.searchParams.set(${JSON.stringify(PREFETCH_PARAMS.vmBase)}, new URL("./vm/", location.href).href);
  var worker = new Worker(url.href, { type: "module", name: "exelab-vm" });
  var early = { worker: worker, mode: mode, messages: [] };
  worker.onmessage = function (e) { early.messages.push(e.data); };
  worker.onerror = function (e) { early.messages.push({ type: "failed", message: "the emulator's worker failed: " + e.message }); };
  window.exelabEarlyVm = early;
} catch (e) {}`;
        return [{ tag: "script", children: script, injectTo: "head-prepend" as const }];
      },
    },
  };
}

export default defineConfig({
  root: "app",
  publicDir: "../public",
  base: "./",
  plugins: [react(), tailwindcss(), startWorkerEarly(), v86NodeOnlyImports(), aboutInfo()],
  // ES module workers: the emulator's worker loads v86's code as a chunk of its own.
  worker: { format: "es", plugins: () => [v86NodeOnlyImports()] },
  // The dev server only meets v86 inside the worker; found that late, it would reload the first visit.
  optimizeDeps: { include: ["v86"] },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
  },
});
