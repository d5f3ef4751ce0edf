// Vite build of the static site: React, Tailwind, hashed assets, v86's wasm served from our origin.
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/**
 * Starts the big downloads from the HTML, in parallel with the app's own code: the saved state,
 * v86's wasm (compiled while it streams in) and the emulator's code.
 */
function preloadGuest(): Plugin {
  return {
    name: "exelab-preload-guest",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const manifest = JSON.parse(
          readFileSync(new URL("public/vm/manifest.json", import.meta.url), "utf8"),
        );
        const files = Object.keys(ctx.bundle ?? {});
        const find = (re: RegExp) => files.find((f) => re.test(f));
        const tags = [];
        const state = manifest.files?.state?.name;
        const wasm = find(/^assets\/v86-[\w-]+\.wasm$/);
        if (wasm) tags.push({ rel: "preload", href: `./${wasm}`, as: "fetch" });
        const emulatorCode = find(/^assets\/libv86-[\w-]+\.js$/);
        if (emulatorCode) tags.push({ rel: "modulepreload", href: `./${emulatorCode}` });
        const links = tags.map(({ rel, href, as }) => ({
          tag: "link",
          attrs: as ? { rel, href, as, crossorigin: "anonymous" } : { rel, href },
          injectTo: "head" as const,
        }));
        if (!state) return links;
        // The state only when it will be used: ?cold=1 boots the kernel and would waste 1.8 MB.
        const preloadState =
          `if (!/[?&]cold=1(&|$)/.test(location.search)) {` +
          `const l = document.createElement("link"); l.rel = "preload"; l.as = "fetch";` +
          `l.crossOrigin = "anonymous"; l.href = ${JSON.stringify(`./vm/${state}`)}; document.head.append(l); }`;
        return [{ tag: "script", children: preloadState, injectTo: "head-prepend" as const }, ...links];
      },
    },
  };
}

export default defineConfig({
  root: "app",
  publicDir: "../public",
  base: "./",
  plugins: [react(), tailwindcss(), preloadGuest()],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
  },
});
