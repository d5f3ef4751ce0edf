// The first screen's terminal, drawn before the page's code, stands where the page then puts it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { holdRequests, ROOT, siteAndBrowser, terminalText, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

/** `top` on the page (not the window: a short window scrolls to the prompt); `inputInView`: the
 * terminal's input, at its cursor, is inside the window. */
type Box = { top: number; left: number; width: number; height: number; inputInView: boolean };

/**
 * Where the terminal's rows stand on screen. Found and measured in one step: xterm may take over from
 * the light screen at any moment, and a row box found first and measured after it had gone (as a
 * locator's two steps allow) measured 0 × 0 at 0, 0.
 */
function rowsBox(p: Page): Promise<Box> {
  return p.evaluate(() => {
    const el = document.querySelector(".terminal-rows");
    if (!el) throw new Error("no terminal rows on the page");
    const r = el.getBoundingClientRect();
    const input = [...document.querySelectorAll(".terminal-input")].at(-1)?.getBoundingClientRect();
    return {
      inputInView: !!input && input.top >= 0 && input.bottom <= window.innerHeight + 1,
      top: Math.round(r.top + window.scrollY),
      left: Math.round(r.left),
      width: Math.round(r.width),
      height: Math.round(r.height),
    };
  });
}

/**
 * The terminal's place before the page's React code has run (held back until measured) and after
 * xterm has taken over: the light screen's frame (styles.css's .boot-terminal) must stand where the
 * layout (app.tsx) then puts the terminal, or it jumps as the page arrives.
 */
async function handover(p: Page, search: string): Promise<{ first: Box; final: Box; texts: string[] }> {
  const release = await holdRequests(p, /\/assets\/app-root-[\w-]+\.js$/);
  await p.goto(`${lab.site.url}${search}`);
  await waitForPrompt(p);
  expect(await p.locator("header").count()).toBe(0);
  const first = await rowsBox(p);
  const texts = [await terminalText(p)];
  release();
  await p.waitForSelector("header");
  await p.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
  return { first, final: await rowsBox(p), texts: [...texts, await terminalText(p)] };
}

/** The words of the saved screen: a line broken mid-word shows pieces that are not among them. */
const SAVED_WORDS = words(
  (
    JSON.parse(readFileSync(join(ROOT, "public/vm/manifest.json"), "utf8")) as {
      files: { state: { console: string } };
    }
  ).files.state.console,
);
function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

describe("as the page arrives, the terminal stays where it is", () => {
  for (const [what, search, viewport, touch] of [
    ["on a desktop screen", "", { width: 1280, height: 800 }],
    // The toolbar takes two lines up to 1280 px (the projector's 1024 × 768 among them).
    ["on a 1024×768 projector", "", { width: 1024, height: 768 }],
    ["on a tablet", "", { width: 800, height: 1000 }],
    ["on a wide screen, where the hint could have taken one line", "", { width: 1920, height: 1080 }],
    ["on a phone", "", { width: 390, height: 844 }],
    // Browser zoom divides the window: so short that the terminal's minimum height (16rem) decides.
    ["on a 1024×768 projector at 200% zoom", "", { width: 512, height: 384 }],
    ["on a 1280×720 screen at 150% zoom", "", { width: 853, height: 480 }],
    ["embedded", "?embed=1", { width: 760, height: 560 }],
    // The compact toolbar takes two rows below 591 px, three below 312; the hint three lines below
    // 533 px, four below 383 (styles.css, with this machine's fonts).
    ["embedded, 660 px wide", "?embed=1", { width: 660, height: 700 }],
    ["embedded, 600 px wide", "?embed=1", { width: 600, height: 700 }],
    ["embedded, 550 px wide", "?embed=1", { width: 550, height: 700 }],
    ["embedded on a phone", "?embed=1", { width: 390, height: 844 }],
    ["embedded, 370 px wide", "?embed=1", { width: 370, height: 700 }],
    ["embedded, 340 px wide", "?embed=1", { width: 340, height: 700 }],
    ["embedded, 300 px wide", "?embed=1", { width: 300, height: 700 }],
    ["embedded on a touch screen 500 px wide", "?embed=1", { width: 500, height: 700 }, true],
    // A speaker's biggest font: the terminal over the whole width, the panels under it.
    ["a speaker's biggest font on a projector", "?font=32", { width: 1024, height: 768 }],
    // A short frame: one line of the hint shows, the rest is for screen readers.
    ["embedded in a short frame", "?embed=1", { width: 600, height: 400 }],
    ["embedded in a short wide frame", "?embed=1", { width: 900, height: 460 }],
    ["embedded in a short narrow frame", "?embed=1", { width: 500, height: 400 }],
    // So short that the terminal's own minimum height (6rem there) decides.
    ["embedded in a very short frame", "?embed=1", { width: 600, height: 300 }],
    // On touch screens the hint is for screen readers only and takes no room under the terminal.
    ["on a tablet in landscape", "", { width: 1280, height: 800 }, true],
    ["embedded on a tablet", "?embed=1", { width: 760, height: 560 }, true],
    ["embedded on a touch phone", "?embed=1", { width: 390, height: 844 }, true],
  ] as const) {
    it(what, async () => {
      const p = await lab.browser.newPage({ viewport, hasTouch: touch === true });
      const { first, final, texts } = await handover(p, search);
      const boxes = JSON.stringify({ first, final });
      expect(Math.abs(final.top - first.top), `top: ${boxes}`).toBeLessThanOrEqual(2);
      expect(Math.abs(final.left - first.left), `left: ${boxes}`).toBeLessThanOrEqual(2);
      expect(Math.abs(final.width - first.width), `width: ${boxes}`).toBeLessThanOrEqual(2);
      // The prompt is in view, before and after (the page scrolls to it in a short window).
      expect(first.inputInView && final.inputInView, `input in view: ${boxes}`).toBe(true);
      // The same rows: the guest is told one size, and its shell does not redraw its prompt.
      expect(Math.abs(final.height - first.height), `height: ${boxes}`).toBeLessThanOrEqual(1);
      // The saved screen was printed at 80 columns: narrower, every word on screen is still whole.
      for (const text of texts) {
        expect(words(text).length).toBeGreaterThan(20);
        expect(SAVED_WORDS).toEqual(expect.arrayContaining(words(text)));
      }
      await p.close();
    });
  }
});
