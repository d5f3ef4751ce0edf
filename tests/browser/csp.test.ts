// The lab behind a host's Content-Security-Policy: the README's list of what to allow is enough.
import { readFileSync } from "node:fs";
import { createServer, request as request_ } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, siteAndBrowser, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("under a Content-Security-Policy", () => {
  /** The site through a proxy that sends `policy` with every file, as a host's rule for `/*` would. */
  async function withPolicy(policy: string) {
    const target = new URL(lab.site.url);
    const proxy = createServer((request, response) => {
      const options = {
        host: target.hostname,
        port: target.port,
        path: request.url ?? "/",
        headers: request.headers,
      };
      const upstream = request_(options, (reply) => {
        response.writeHead(reply.statusCode ?? 502, { ...reply.headers, "content-security-policy": policy });
        reply.pipe(response);
      });
      upstream.on("error", () => response.writeHead(502).end());
      upstream.end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, close: () => proxy.close() };
  }
  /** The directives the README tells a host to allow, on top of a policy that allows nothing else. */
  function readmePolicy(): string {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const allowed = Array.from(readme.matchAll(/`([a-z]+-src\s[^`]+)`/g), (m) => m[1].replace(/\s+/g, " "));
    // The five the README names: a sentence rewritten without one fails here, not on a host.
    expect(allowed.map((d) => d.split(" ")[0]).sort()).toEqual([
      "connect-src",
      "img-src",
      "script-src",
      "style-src",
      "worker-src",
    ]);
    return ["default-src 'none'", ...allowed].join("; ");
  }

  it("the README's policy on every file, inline scripts not allowed: the lab starts and runs", async () => {
    const site = await withPolicy(readmePolicy());
    try {
      const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${site.url}?era=2014`);
      await waitForPrompt(page, 90_000);
      await typeCommand(page, "echo policy-$((40+2))", /policy-42/, 30_000);
      await page.close();
    } finally {
      site.close();
    }
  });

  it("the policy the build writes (dist/csp.txt), its inline scripts allowed by hash: no violation at all", async () => {
    const written = readFileSync(join(ROOT, "dist", "csp.txt"), "utf8").split("\n");
    const policy = written.find((l) => l.startsWith("script-src"));
    expect(policy).toBeDefined();
    // Every directive the README names, and a hash for each inline script.
    for (const directive of readmePolicy().split("; ").slice(1)) expect(policy).toContain(directive);
    expect(policy?.match(/'sha256-[A-Za-z0-9+/]+=*'/g)?.length).toBeGreaterThanOrEqual(3);
    const site = await withPolicy(`default-src 'none'; ${policy}`);
    try {
      const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|violates/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${site.url}?era=2014`);
      await waitForPrompt(page, 90_000);
      await typeCommand(page, "echo hashed-$((40+2))", /hashed-42/, 30_000);
      expect(violations).toEqual([]);
      await page.close();
    } finally {
      site.close();
    }
  });
});
