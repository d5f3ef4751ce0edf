// Browser harness: builds the production site once, serves it, and drives Debian's Chromium.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { serveStatic, type RunningServer } from "../../scripts/static-server";

export const ROOT = new URL("../..", import.meta.url).pathname;
// EXELAB_CHROMIUM names another build (the bench on an older Chromium, for comparison).
const CHROMIUM = [process.env.EXELAB_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p !== undefined && p !== "" && existsSync(p),
);

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
  if (process.env.EXELAB_CHROMIUM && CHROMIUM !== process.env.EXELAB_CHROMIUM)
    throw new Error(`EXELAB_CHROMIUM=${process.env.EXELAB_CHROMIUM}: no such file`);
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
export interface Lab {
  readonly site: RunningServer;
  readonly browser: Browser;
  /** The page errors so far, taken: for a test that provokes one on purpose (they fail it otherwise). */
  takePageErrors(): string[];
}

export function siteAndBrowser(): Lab {
  const errors: string[] = [];
  const both = { takePageErrors: () => errors.splice(0) } as Lab & { site: RunningServer; browser: Browser };
  beforeAll(async () => {
    both.site = await startSite();
    both.browser = failOnPageErrors(await launch(), errors);
  });
  // An uncaught exception or rejection in any page the test opened fails it, even if every selector
  // it waited for still showed (a render error caught by the error boundary, say).
  afterEach(() => {
    expect(errors.splice(0), "errors in the page").toEqual([]);
  });
  afterAll(async () => {
    await both.browser?.close();
    await both.site?.close();
  });
  return both;
}

/** Has every page the browser opens (by newPage, or in a context by newContext) report its errors to `errors`. */
function failOnPageErrors(browser: Browser, errors: string[]): Browser {
  const tracked = new WeakSet<Page>();
  const track = (page: Page) => {
    if (tracked.has(page)) return;
    tracked.add(page);
    page.on("pageerror", (err) => {
      errors.push(`${page.url()}: ${err.message}`);
      console.error("page error:", err.message);
    });
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on("page", track);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    track(page);
    return page;
  };
  return browser;
}

/**
 * A new page on the lab, ready as a user finds it once everything has loaded: the prompt, the page
 * around it, and xterm in the terminal's final place and size. Page errors fail the test (siteAndBrowser).
 */
export async function openSettledLab(
  lab: { readonly site: RunningServer; readonly browser: Browser },
  viewport: { width: number; height: number },
  search = "",
): Promise<Page> {
  const page = await lab.browser.newPage({ viewport });
  await page.goto(lab.site.url + search);
  await waitForPrompt(page);
  await page.waitForSelector("header");
  await page.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
  // The guest has the page's state (its identity shown, the terminal's size sent).
  await page.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
  return page;
}

/** Holds the page's requests for `url` unanswered until the returned function is called. */
export async function holdRequests(page: Page, url: RegExp): Promise<() => void> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** The terminal's visible text (both views keep one element per row; the first is the one shown). */
export function terminalText(page: Page | Frame): Promise<string> {
  return page.locator(".terminal-rows").first().innerText();
}

/** Types without focusing anything first (the keys go wherever the page left the keyboard), then Enter; waits for `expected`. */
export async function typedWhereFocused(page: Page, command: string, expected: RegExp): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await expect.poll(async () => expected.test(await terminalText(page)), { timeout: 30_000 }).toBe(true);
}

/** Waits until the terminal on show ends in a shell prompt. */
export async function waitForPrompt(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => /\$ $/.test((document.querySelector(".terminal-rows")?.textContent ?? "").trimEnd() + " "),
    null,
    { timeout },
  );
}

/**
 * Types a command into the terminal and waits until `expected` matches the text from the command's
 * last echo (its prompt included) to the end: earlier output cannot satisfy it, unless the very same
 * command ran before with the same answer (give such a repeat an expectation of its own). Returns
 * that text (rows joined, as textContent joins them). The rows are those on screen: output that
 * scrolls the command's row away cannot be matched.
 */
export async function typeCommand(
  page: Page | Frame,
  command: string,
  expected: RegExp,
  timeout = 30_000,
): Promise<string> {
  // In a frame, the keys come from its page's keyboard all the same.
  const keyboard = "keyboard" in page ? page.keyboard : page.page().keyboard;
  await page.locator(".terminal-input").first().focus();
  await keyboard.type(command);
  // Its echo after the last prompt before Enter: from then on the last echo of the command is this
  // one, so the same command typed earlier, its answer still in sight, cannot stand in for it. (No
  // prompt in sight, in a full-screen program say: nothing to wait for.)
  await page.waitForFunction(
    (squeezed) => {
      const rows = Array.from(document.querySelector(".terminal-rows")?.children ?? [], (r) => r.textContent);
      const joined = rows.join("");
      const prompt = joined.lastIndexOf("[uid ");
      return prompt < 0 || joined.slice(prompt).replace(/\s/g, "").includes(squeezed);
    },
    command.replace(/\s/g, ""),
    { timeout, polling: 50 },
  );
  await keyboard.press("Enter");
  const handle = await page.waitForFunction(
    ([source, flags, whole, head]) => {
      const rows = Array.from(
        document.querySelector(".terminal-rows")?.children ?? [],
        (r) => r.textContent ?? "",
      );
      // The command's last echo, whole (rows joined as textContent joins them, so a wrapped one too),
      // with the prompt before it: an earlier command sharing its start cannot stand in for it.
      const joined = rows.join("");
      const echo = joined.lastIndexOf(whole);
      let text: string;
      // From the prompt before it (some tests match it), not from the row above: an earlier answer.
      const prompt = joined.lastIndexOf("[uid ", echo);
      if (echo >= 0) text = joined.slice(prompt >= 0 && echo - prompt < 80 ? prompt : echo);
      else {
        // Not found whole (a row of the light screen, which trims, broken at a space): the last row
        // holding its start (12 characters fit beside any prompt on one row).
        let at = rows.length - 1;
        while (at >= 0 && !rows[at].includes(head)) at--;
        if (at < 0) return false;
        text = rows.slice(at).join("");
      }
      return new RegExp(source, flags).test(text) ? text : false;
    },
    [expected.source, expected.flags, command, command.slice(0, 12)] as const,
    { timeout, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * Waits for `text` in xterm's rows (not the light screen's); one that never shows fails with what
 * the page held instead: which view, its last rows, the lab's state, the focus. A rare timeout in CI
 * said nothing more than where it waited.
 */
export async function waitForXtermText(page: Page | Frame, text: string, timeout = 30_000): Promise<void> {
  try {
    // Polled on a timer, not at each frame (Playwright's default): a frame the browser has stopped
    // drawing would never look again, and the report below would blame the page for it.
    await page.waitForFunction((t) => document.querySelector(".xterm-rows")?.textContent?.includes(t), text, {
      timeout,
      polling: 100,
    });
  } catch (err) {
    const state = await page
      .evaluate(async () => {
        // Whether the browser still draws this document (xterm draws its rows at each frame).
        const drawing = await new Promise<boolean>((resolve) => {
          requestAnimationFrame(() => resolve(true));
          setTimeout(() => resolve(false), 1000);
        });
        const rows = (selector: string) =>
          Array.from(document.querySelector(selector)?.children ?? [], (r) => r.textContent?.trimEnd() ?? "")
            .filter((r) => r !== "")
            .slice(-8);
        const lab = document.querySelector<HTMLElement>("[data-paused]");
        const terminal = document.querySelector<HTMLElement>("[data-live]");
        return {
          url: location.href,
          age: Math.round(performance.now()),
          drawing,
          visibility: document.visibilityState,
          lightScreen: document.querySelector(".light-screen") !== null,
          xtermRows: rows(".xterm-rows"),
          lightRows: rows(".light-screen .terminal-rows"),
          paused: lab?.dataset.paused,
          live: terminal?.dataset.live,
          focus: document.activeElement?.className,
          framesFocus: document.hasFocus(),
          status: document.querySelector("[role=status]")?.textContent,
        };
      })
      .catch((e: Error) => ({ unreadable: e.message }));
    throw new Error(`"${text}" not in xterm's rows: ${JSON.stringify(state)}`, { cause: err });
  }
}
