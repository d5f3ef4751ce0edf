// Vite build of the static site: React, Tailwind, hashed assets, v86's wasm served from our origin.
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { earlyStartScript } from "./scripts/early-start-script.ts";
import { aboutInfo } from "./scripts/about-info.ts";
import { v86NodeOnlyImports } from "./scripts/v86-node-only-imports.ts";
import { serviceWorkerScript } from "./scripts/service-worker-script.ts";
import { cspFor } from "./scripts/csp-policy.ts";
import { SOURCE_DIR } from "./scripts/guest-source.ts";
import { LICENCE_DIR } from "./scripts/licence-texts.ts";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/** Writes sw.js (scripts/service-worker-script.ts) with the files an offline reload needs. */
function offlineCache(): Plugin {
  return {
    name: "exelab-offline-cache",
    apply: "build",
    generateBundle(_options, bundle) {
      const manifest = JSON.parse(readFileSync("public/vm/manifest.json", "utf8")) as {
        files: { state?: { name: string } };
      };
      // Not the source files nor the licence texts: they open as pages of their own, which the worker
      // leaves to the network (it serves the lab's page only), so a copy of them would never be read.
      const files = Object.keys(bundle)
        .filter(
          (f) =>
            !f.endsWith(".map") &&
            !f.startsWith("assets/_exelab") &&
            !f.startsWith(SOURCE_DIR) &&
            !f.startsWith(LICENCE_DIR),
        )
        .concat(["index.html"], manifest.files.state ? [`vm/${manifest.files.state.name}`] : [])
        .sort();
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      this.emitFile({ type: "asset", fileName: "sw.js", source: serviceWorkerScript(version, files) });
    },
  };
}

/** Writes csp.txt: the policy a host may send for this build, its inline scripts allowed by hash. */
function cspFile(): Plugin {
  return {
    name: "exelab-csp-file",
    apply: "build",
    writeBundle(options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset" || !options.dir) throw new Error("the build has no index.html to hash");
      const policy = cspFor(String(html.source));
      writeFileSync(
        join(options.dir, "csp.txt"),
        `# The Content-Security-Policy this build needs, as one header line (README, "Embed it"):\n${policy}\n`,
      );
    },
  };
}

export default defineConfig({
  root: "app",
  publicDir: "../public",
  base: "./",
  plugins: [
    react(),
    tailwindcss(),
    startWorkerEarly(),
    v86NodeOnlyImports(),
    aboutInfo(),
    offlineCache(),
    cspFile(),
  ],
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
