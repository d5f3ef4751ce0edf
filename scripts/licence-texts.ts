// The licence texts and copyright notices the site serves under licenses/, and where each is read from.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the site serves them, relative to the page (as SOURCE_DIR: any base path works). */
export const LICENCE_DIR = "licenses/";

/**
 * `file`: its name under LICENCE_DIR (the about page links these names); `from`: its path in the
 * repository. The npm packages' own files are read at build time, so each notice is the one of the
 * version bundled; the rest is committed under licenses/, so a build needs no Debian files.
 */
export const LICENCE_TEXTS: readonly { file: string; from: string }[] = [
  { file: "exelab.txt", from: "LICENSE" },
  { file: "GPL-2.0.txt", from: "licenses/GPL-2.0.txt" },
  { file: "GPL-3.0.txt", from: "licenses/GPL-3.0.txt" },
  { file: "LGPL-3.0.txt", from: "licenses/LGPL-3.0.txt" },
  { file: "GCC-exception-3.1.txt", from: "licenses/GCC-exception-3.1.txt" },
  { file: "nolibc-MIT.txt", from: "licenses/nolibc-MIT.txt" },
  { file: "v86.txt", from: "node_modules/v86/LICENSE" },
  { file: "xterm.txt", from: "node_modules/@xterm/xterm/LICENSE" },
  { file: "xterm-addon-fit.txt", from: "node_modules/@xterm/addon-fit/LICENSE" },
  { file: "react.txt", from: "node_modules/react/LICENSE" },
  { file: "react-dom.txt", from: "node_modules/react-dom/LICENSE" },
  // Bundled by react-dom, which imports it.
  { file: "scheduler.txt", from: "node_modules/scheduler/LICENSE" },
  // Its base styles (preflight) are in the page's CSS.
  { file: "tailwindcss.txt", from: "node_modules/tailwindcss/LICENSE" },
];

/** They are read in the browser, as text. */
export const LICENCE_CONTENT_TYPE = "text/plain; charset=utf-8";

/** Site paths (under LICENCE_DIR) and their contents; a missing file throws, failing the build. */
export function licenceTexts(root: string): Map<string, Uint8Array> {
  return new Map(
    LICENCE_TEXTS.map(({ file, from }) => [
      LICENCE_DIR + file,
      new Uint8Array(readFileSync(join(root, from))),
    ]),
  );
}
