// Vite build of the static site: React, Tailwind, hashed assets, v86's wasm served from our origin.
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { earlyStartScript } from "./scripts/early-start-script.ts";
import { aboutInfo } from "./scripts/about-info.ts";
import { v86NodeOnlyImports } from "./scripts/v86-node-only-imports.ts";

/** Starts the emulator's worker from the HTML (scripts/early-start-script.ts), before the page's code. */
function startWorkerEarly(): Plugin {
  return {
    name: "exelab-start-worker-early",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((f) => /^assets\/vm-worker-[\w-]+\.js$/.test(f));
        if (!worker) throw new Error("the emulator's worker is missing from the bundle");
        const script = earlyStartScript(worker);
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
