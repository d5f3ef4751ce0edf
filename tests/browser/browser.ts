// Browser harness: builds the production site once, serves it, and drives Debian's Chromium.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveStatic, type RunningServer } from "../../scripts/static-server";

export const ROOT = new URL("../..", import.meta.url).pathname;
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

/** Flags that keep Chromium from reaching out to the network or to services this machine lacks. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function buildSite(): string {
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build: the
  // browser tests must drive the same production site that users get.
  execFileSync("npx", ["vite", "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  return join(ROOT, "dist");
}

export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("Chromium is not installed: apt-get install chromium");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The site served once its files are compressed, as a host with precompressed files serves it. */
export async function startSite(): Promise<RunningServer> {
  const site = await serveStatic(buildSite());
  // Otherwise the first page competes with seconds of compression for the CPU.
  await site.ready;
  return site;
}

/**
 * For one test file: the production site served and Chromium launched before its tests, both closed
 * after them. Read the fields inside tests (they are set in beforeAll).
 */
export function siteAndBrowser(): { readonly site: RunningServer; readonly browser: Browser } {
  const both = {} as { site: RunningServer; browser: Browser };
  beforeAll(async () => {
    both.site = await startSite();
    both.browser = await launch();
  });
  afterAll(async () => {
    await both.browser?.close();
    await both.site?.close();
  });
  return both;
}

/**
 * A new page on the lab, ready as a user finds it once everything has loaded: the prompt, the page
 * around it, and xterm in the terminal's final place and size. Page errors are printed.
 */
export async function openSettledLab(
  lab: { readonly site: RunningServer; readonly browser: Browser },
  viewport: { width: number; height: number },
  search = "",
): Promise<Page> {
  const page = await lab.browser.newPage({ viewport });
  page.on("pageerror", (err) => console.error("page error:", err.message));
  await page.goto(lab.site.url + search);
  await waitForPrompt(page);
  await page.waitForSelector("header");
  await page.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
  // The guest has the page's state (its identity shown, the terminal's size sent).
  await page.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
  return page;
}

/** The terminal's visible text (both views keep one element per row; the first is the one shown). */
export function terminalText(page: Page): Promise<string> {
  return page.locator(".terminal-rows").first().innerText();
}

/** Waits until the terminal on show ends in a shell prompt. */
export async function waitForPrompt(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => /\$ $/.test((document.querySelector(".terminal-rows")?.textContent ?? "").trimEnd() + " "),
    null,
    { timeout },
  );
}

/** Types a command into the terminal and waits until `expected` appears after it. */
export async function typeCommand(
  page: Page,
  command: string,
  expected: RegExp,
  timeout = 30_000,
): Promise<string> {
  await page.locator(".terminal-input").first().focus();
  const before = (await terminalText(page)).length;
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  const handle = await page.waitForFunction(
    ([source, flags, from]) => {
      const text = document.querySelector(".terminal-rows")?.textContent ?? "";
      return new RegExp(source, flags).test(text.slice(Math.max(0, from - 400))) ? text : false;
    },
    [expected.source, expected.flags, before] as const,
    { timeout, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}
