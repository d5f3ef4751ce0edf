// Vite plugin: the Node built-ins v86's build asks for resolve to an empty module in the page's build.
import type { Plugin } from "vite";

/** What libv86.mjs imports (or requires) from Node, each behind a check that it runs under Node. */
const NODE_ONLY = /^(node:)?(fs|fs\/promises|crypto|perf_hooks)$/;
const EMPTY = "\0exelab:v86-node-only";

/**
 * v86 reads files, seeds its random numbers and takes the time from Node's modules only when it runs
 * under Node; in a browser those branches never run. Resolving the modules to an empty one says so
 * on purpose, where Vite would otherwise warn about each of them on every build (`npm start` included).
 */
export function v86NodeOnlyImports(): Plugin {
  return {
    name: "exelab-v86-node-only-imports",
    enforce: "pre",
    resolveId(id, importer) {
      if (importer && /[\\/]node_modules[\\/]v86[\\/]/.test(importer) && NODE_ONLY.test(id)) return EMPTY;
      return undefined;
    },
    load(id) {
      return id === EMPTY ? "export default {};" : undefined;
    },
  };
}
