// Vite plugin: ships the guest's corresponding source and the licence texts in the site, and tells the about page versions and where they are.
import { readFileSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { Plugin } from "vite";
import { REPO_ROOT, SOURCE_DIR, sourceBundle, sourceContentType, type SourceBundle } from "./guest-source.ts";
import { LICENCE_CONTENT_TYPE, LICENCE_DIR, licenceTexts } from "./licence-texts.ts";

const ID = "virtual:exelab-about";
const RESOLVED = `\0${ID}`;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, path), "utf8"));
}

function versionOf(pkg: string): string {
  return (readJson(`node_modules/${pkg}/package.json`) as { version: string }).version;
}

/** The Debian packages the guest was built from, as the manifest the site serves lists them. */
function guestPackages(): Record<string, string> {
  const manifest = readJson("public/vm/manifest.json") as { packages?: Record<string, string> };
  return manifest.packages ?? {};
}

/** The path under source/ or licenses/ a request names, or undefined for anything else. */
function servedPath(url: string | undefined): string | undefined {
  try {
    const path = decodeURIComponent(new URL(url ?? "/", "http://localhost").pathname).slice(1);
    return path.startsWith(SOURCE_DIR) || path.startsWith(LICENCE_DIR) ? path : undefined;
  } catch {
    return undefined; // a malformed escape: not ours to answer
  }
}

function bundle(): SourceBundle {
  return sourceBundle(REPO_ROOT, guestPackages());
}

const contentType = (path: string): string =>
  path.startsWith(LICENCE_DIR) ? LICENCE_CONTENT_TYPE : sourceContentType(path);

/**
 * The about page must name versions and link the GPL's corresponding source and every component's
 * licence text on our own origin, also on a static host with no repository in reach: all are fixed at
 * build time. The versions are the ones installed (what the bundle holds), the source files are
 * written under source/ beside the page, the licence texts under licenses/.
 */
export function aboutInfo(): Plugin {
  // One bundle per build: the about page's module and the emitted files read the same tar, made once.
  let built: SourceBundle | undefined;
  const current = () => (built ??= bundle());
  return {
    name: "exelab-about-info",
    buildStart() {
      built = undefined;
    },
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { readme, tar } = current();
      const versions = {
        exelab: (readJson("package.json") as { version: string }).version,
        xterm: versionOf("@xterm/xterm"),
        xtermFit: versionOf("@xterm/addon-fit"),
        v86: versionOf("v86"),
        tailwind: versionOf("tailwindcss"),
      };
      return [
        `export const versions = ${JSON.stringify(versions)};`,
        `export const packages = ${JSON.stringify(guestPackages())};`,
        `export const source = ${JSON.stringify({ dir: SOURCE_DIR, readme, tar })};`,
        `export const licenceDir = ${JSON.stringify(LICENCE_DIR)};`,
      ].join("\n");
    },
    generateBundle() {
      for (const [fileName, source] of current().files) this.emitFile({ type: "asset", fileName, source });
      for (const [fileName, source] of licenceTexts(REPO_ROOT))
        this.emitFile({ type: "asset", fileName, source });
    },
    // The development server serves the same files, made on each request from the working tree.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = servedPath(req.url);
        const body = !path
          ? undefined
          : path.startsWith(LICENCE_DIR)
            ? licenceTexts(REPO_ROOT).get(path)
            : bundle().files.get(path);
        if (!path || !body) return next();
        res.setHeader("content-type", contentType(path));
        res.end(body);
      });
    },
    // `vite preview` would send build-kernel.sh or the patch as downloads, or with no type
    // at all: they are read in the browser, as text, from the built site (the licences in UTF-8 too).
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const path = servedPath(req.url);
        const file = path ? resolve(outDir, path) : undefined;
        // A directory (source/vm-images/) is not a file to send: the server's own 404 answers it.
        if (!path || !file?.startsWith(outDir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile())
          return next();
        res.setHeader("content-type", contentType(path));
        res.end(readFileSync(file));
      });
    },
  };
}
