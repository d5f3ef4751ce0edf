// The Content-Security-Policy a host may send for the built site, with the hashes of index.html's inline scripts.
import { createHash } from "node:crypto";

/** What the site needs besides its inline scripts (the README's "Embed it" says why each is there). */
export const POLICY_BASE = [
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
];

/** The inline scripts' texts in `html`, as the browser hashes them (everything between the tags). */
export function inlineScripts(html: string): string[] {
  return Array.from(html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g), (m) => m[1]);
}

/**
 * The whole policy for `html`: its inline scripts allowed by hash, so that a host need not allow
 * 'unsafe-inline' for scripts (the hashes change with every build: the early script names the
 * worker's hashed file).
 */
export function cspFor(html: string): string {
  const hashes = inlineScripts(html).map(
    (s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`,
  );
  const [scripts, ...rest] = POLICY_BASE;
  return [[scripts, ...hashes].join(" "), ...rest].join("; ");
}
