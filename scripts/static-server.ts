// A small static server for the production build: compression and cache headers as a real host would.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { promisify } from "node:util";
import { SOURCE_DIR, sourceContentType } from "./guest-source.ts";
import { LICENCE_DIR } from "./licence-texts.ts";
import { gzip as gzipCb } from "node:zlib";
import { brotliCache } from "./brotli-cache.ts";

const gzip = promisify(gzipCb);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  // The licence texts (licenses/) and csp.txt: read in the browser, not saved as downloads.
  ".txt": "text/plain; charset=utf-8",
};

// Already compressed, or not worth it.
const NO_COMPRESS = new Set([".zst", ".png"]);

/**
 * Content-hashed names (name-<hash>.ext) never change, so they may be cached for a year. `rel` is the
 * path in the site: the source files and licence texts keep their own names, some of which only look
 * hashed (GCC-exception-3.1.txt, exe-link-era.patch), and change with a new version.
 */
function cacheControl(rel: string): string {
  const named = rel.startsWith(SOURCE_DIR) || rel.startsWith(LICENCE_DIR);
  return !named && /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9.]+$/.test(rel) && !rel.endsWith(".html")
    ? "public, max-age=31536000, immutable"
    : "no-cache";
}

const cache = new Map<string, Promise<Buffer>>();

/** Kept beside the dependencies, so a fresh clone starts with none and `rm -rf node_modules` clears it. */
const DISK_CACHE = brotliCache(new URL("../node_modules/.cache/exelab-brotli/", import.meta.url).pathname);

/**
 * Compressed once per file and encoding, off the event loop, as a host with precompressed assets
 * would serve them: a request never waits behind another file's compression.
 */
function encoded(path: string, encoding: "br" | "gzip" | undefined): Promise<Buffer> {
  const key = `${encoding}:${path}:${statSync(path).mtimeMs}`;
  let body = cache.get(key);
  if (!body) {
    const raw = readFileSync(path);
    body =
      encoding === "br"
        ? DISK_CACHE.compress(raw)
        : encoding === "gzip"
          ? gzip(raw, { level: 9 })
          : Promise.resolve(raw);
    cache.set(key, body);
  }
  return body;
}

/** Starts compressing every file under `dir` now, so the first visit does not wait for it. */
function precompress(dir: string): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (!NO_COMPRESS.has(extname(path))) jobs.push(encoded(path, "br"));
  }
  return Promise.allSettled(jobs).then(() => undefined);
}

export interface RunningServer {
  url: string;
  server: Server;
  /**
   * Resolves once every file is compressed (seconds of CPU at quality 11). Requests are served
   * before that; whatever is timed must wait for it, or it competes with the compression.
   */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function serveStatic(root: string, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { "content-type": "text/plain" }).end("bad path");
      return;
    }
    let rel = normalize(decoded).replace(/^(\.\.[/\\])+/, "");
    if (rel.endsWith("/")) rel += "index.html";
    const path = join(root, rel);
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const ext = extname(path);
    const site = rel.replace(/^[/\\]/, "");
    const headers: Record<string, string> = {
      // The guest's source is read in the browser as the site's own servers send it.
      "content-type": site.startsWith(SOURCE_DIR)
        ? sourceContentType(rel)
        : (TYPES[ext] ?? "application/octet-stream"),
      "cache-control": cacheControl(site),
    };
    const accept = String(req.headers["accept-encoding"] ?? "");
    const encoding = NO_COMPRESS.has(ext)
      ? undefined
      : /\bbr\b/.test(accept)
        ? "br"
        : /\bgzip\b/.test(accept)
          ? "gzip"
          : undefined;
    encoded(path, encoding).then(
      (body) => {
        if (encoding) Object.assign(headers, { "content-encoding": encoding, vary: "accept-encoding" });
        res.writeHead(200, { ...headers, "content-length": String(body.length) });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(err.message),
    );
  });
  const ready = precompress(root);
  return new Promise((resolve, reject) => {
    // A port in use: said to the caller, not thrown as an unhandled 'error' event.
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        server,
        ready,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
