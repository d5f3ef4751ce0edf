// The page's layout in Chromium: fits a desktop window, an 80-column terminal, dark from the first paint.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();
let page: Page;

// After siteAndBrowser's own beforeAll (hooks run in the order they were registered).
beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 800 });
});

/** Wheels over the panels until they are at their end, then over them and the header some more. */
async function wheelPanelsToEnd(): Promise<void> {
  const panels = page.locator("#panels");
  const box = await panels.boundingBox();
  if (!box) throw new Error("the panels are not on show");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 2000);
      return panels.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    })
    .toBe(true);
  await page.mouse.wheel(0, 2000);
  await page.mouse.move(box.x + box.width / 2, 10);
  await page.mouse.wheel(0, 2000);
}

function documentScroll(): Promise<{ height: number; window: number; y: number }> {
  return page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    window: window.innerHeight,
    y: window.scrollY,
  }));
}

describe("on a desktop screen", () => {
  it("the terminal has at least 80 columns at the default font, the panels at least 24rem", async () => {
    // xterm draws spaces as no-break spaces: \s, not " ".
    const out = await typeCommand(page, "stty size", /stty size\s*\d+\s\d+/);
    const cols = Number([...out.matchAll(/stty size\s*\d+\s(\d+)/g)].at(-1)?.[1]);
    expect(cols).toBeGreaterThanOrEqual(80);
    const panelsWidth = (await page.locator("#panels").boundingBox())?.width ?? 0;
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const panelsRem = panelsWidth / rem;
    expect(panelsRem).toBeGreaterThanOrEqual(24);
  });

  it("the page fits the window and only the panels scroll, with every panel filled", async () => {
    // An attempt fills the card, the process list has rows, the timeline is loaded: all their
    // screen-reader-only text is on the page.
    await typeCommand(page, "setexe --via map /usr/sbin/sshd", /setexe[^\n]*EPERM/);
    await page.getByTestId("attempt-result").filter({ hasText: "EPERM" }).waitFor();
    await page.locator("#panels table caption").waitFor({ state: "attached" });
    await page.getByTestId("era-2014").waitFor();

    for (const size of [
      { width: 1280, height: 800 },
      // An embedding documentation page's frame.
      { width: 1100, height: 560 },
    ]) {
      await page.setViewportSize(size);
      await wheelPanelsToEnd();
      const scroll = await documentScroll();
      expect(scroll.height, `${size.width}×${size.height}`).toBeLessThanOrEqual(scroll.window);
      expect(scroll.y, `${size.width}×${size.height}`).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("a new result brings the card back into view when the panels were scrolled away from it", async () => {
    const panels = page.locator("#panels");
    await panels.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const cardTop = () =>
      page.evaluate(() => {
        const card = document.querySelector("[data-testid=attempt-card]")?.getBoundingClientRect();
        const box = document.getElementById("panels")?.getBoundingClientRect();
        return card && box ? card.top - box.top : NaN;
      });
    expect(await cardTop()).toBeLessThan(0);
    await typeCommand(page, "setexe --via file /usr/sbin/sshd", /setexe[^\n]*EPERM/);
    await expect.poll(cardTop, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    expect(await cardTop()).toBeLessThan(50);
  });

  it("the user namespace checkbox is named by its label, its explanation a description", async () => {
    const box = page.getByRole("checkbox", { name: "new user namespace", exact: true });
    expect(await box.count()).toBe(1);
    expect(
      await box.evaluate(
        (el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent,
      ),
    ).toMatch(/becomes root \(uid 0\) of its own namespace/);
  });

  it("a namespace ticked with no capabilities gets them all, as unshare -r does; unapplied changes say so", async () => {
    const note = page.getByTestId("not-applied");
    expect(await note.count()).toBe(0);
    const box = page.getByRole("checkbox", { name: "new user namespace", exact: true });
    // The page's default shell: uid 1000, no namespace, no capabilities.
    expect(await box.isChecked()).toBe(false);
    await box.check();
    for (const cap of ["CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE", "CAP_SYS_RESOURCE"])
      expect(await page.getByRole("switch", { name: cap, exact: true }).isChecked(), cap).toBe(true);
    // Switches that differ from the shell's identity are not the shell's yet: the panel says so.
    await note.waitFor();
    // Unticked again with the capabilities untouched: none again, nothing to apply, nothing said.
    await box.uncheck();
    expect(await page.getByRole("switch", { name: "CAP_SYS_ADMIN", exact: true }).isChecked()).toBe(false);
    await note.waitFor({ state: "detached" });
  });

  it("text that arrives without keys (dictation, some on-screen keyboards) reaches the shell", async () => {
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText("echo said-$((40+2))");
    await page.keyboard.press("Enter");
    await expect.poll(async () => /said-42/.test(await terminalText(page)), { timeout: 10_000 }).toBe(true);
  });

  it("with screen reader support turned on, a screen reader can read the terminal's output, typing as before", async () => {
    // Off by default (see the test above); the page's second button, after the skip link, turns it on.
    expect(await page.locator("#terminal").ariaSnapshot()).not.toMatch(/said-42/);
    const toggle = page.getByRole("button", { name: /Screen reader support/ });
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    expect(page.url()).toMatch(/[?&]sr=1/);
    await typeCommand(page, "echo read-$((40+2))", /read-42/);
    await expect.poll(() => page.locator("#terminal").ariaSnapshot(), { timeout: 5000 }).toMatch(/read-42/);
    // Text without keys still reaches the shell in this mode (xterm's own would drop it).
    await page.keyboard.insertText("echo heard-$((40+2))");
    await page.keyboard.press("Enter");
    await expect.poll(async () => /heard-42/.test(await terminalText(page)), { timeout: 10_000 }).toBe(true);
    // Entering the terminal, a screen reader also hears how to leave it.
    const hint = await page.evaluate(() => {
      const id = document.querySelector(".terminal-input")?.getAttribute("aria-describedby");
      return id ? document.getElementById(id)?.textContent : undefined;
    });
    expect(hint).toMatch(/Leave the terminal: Esc Esc/);
    // As the visible hint says: vi takes Esc Esc (and Shift+Tab) for itself.
    expect(hint).toMatch(/In vi, only Ctrl\+Shift\+↑ leaves/);
    // On, it no longer says where to turn it on; off, the terminal's description does.
    expect(hint).not.toMatch(/not read out/);
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    const off = await page.evaluate(() => {
      const id = document.querySelector(".terminal-input")?.getAttribute("aria-describedby");
      return id ? document.getElementById(id)?.textContent : undefined;
    });
    expect(off).toMatch(
      /The output is not read out: the page's first button, Screen reader support, turns that on/,
    );
  });

  it("the copy hint says that selecting alone does not copy", async () => {
    expect(await page.locator("main").innerText()).toContain("Copy: select, then Ctrl+Shift+C");
  });

  it("the about page has no link to the hidden terminal, and the lab has it back", async () => {
    const skip = page.getByRole("link", { name: "Skip to the terminal" });
    expect(await skip.count()).toBe(1);
    await page.evaluate(() => (window.location.hash = "#about"));
    await expect.poll(() => page.locator("#terminal").isVisible()).toBe(false);
    expect(await skip.count()).toBe(0);
    // The first stop in the tab order is the about page's own.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("[hidden]") ?? null)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.className ?? "")).not.toMatch(/skip-link/);
    await page.evaluate(() => (window.location.hash = ""));
    await skip.waitFor({ state: "attached" });
  });
});

describe("on a narrow window (200% zoom)", () => {
  it("leaving the terminal with Esc Esc lands at the panels' start, the result card in view", async () => {
    const p = await openSettledLab(lab, { width: 640, height: 400 });
    await p.locator(".terminal-input").first().focus();
    await p.keyboard.press("Escape");
    await p.keyboard.press("Escape");
    const top = await p.evaluate(() => document.getElementById("panels")?.getBoundingClientRect().top ?? NaN);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("panels");
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(40);
    await p.close();
  });

  it("at 320 px wide (1280 at 400%) nothing scrolls sideways, page or frame, the first steps' commands included", async () => {
    for (const search of ["", "?embed=1"]) {
      const p = await openSettledLab(lab, { width: 320, height: 640 }, search);
      // An embed folds the timeline away until asked.
      if (search) await p.getByRole("button", { name: /Show the kernel history timeline/ }).click();
      await p.getByTestId("timeline").waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth), search).toBeLessThanOrEqual(320);
      await p.close();
    }
  });
});

describe("in dark mode", () => {
  it("the page is dark before its code has run", async () => {
    const context = await lab.browser.newContext({ colorScheme: "dark" });
    const dark = await context.newPage();
    // The page's entry is held back: what is on screen is what the HTML and CSS alone draw. (Held,
    // not failed: a failed entry replaces "Loading exelab…" with a message.)
    await dark.route(/\/assets\/index-[\w-]+\.js$/, () => {});
    await dark.goto(lab.site.url, { waitUntil: "commit" });
    await dark.getByText("Loading exelab…").waitFor();
    const [r, g, b] = await dark.evaluate(() => {
      const canvas = document.createElement("canvas").getContext("2d");
      if (!canvas) throw new Error("no 2D canvas");
      canvas.fillStyle = getComputedStyle(document.body).backgroundColor;
      canvas.fillRect(0, 0, 1, 1);
      return [...canvas.getImageData(0, 0, 1, 1).data];
    });
    expect(r + g + b).toBeLessThan(3 * 64);
    await context.close();
  });
});

describe("in forced colours (Windows High Contrast)", () => {
  it("a switch looks different on and off, and the terminal shows where the keyboard is", async () => {
    // Settled first: the identity form follows the lab's until the guest has the page's state.
    const page = await openSettledLab(lab, { width: 1280, height: 800 });
    await page.emulateMedia({ forcedColors: "active" });
    const look = (name: RegExp) =>
      page.getByRole("switch", { name }).evaluate((el) => {
        const knob = getComputedStyle(el, "::before").backgroundColor;
        return { track: getComputedStyle(el).backgroundColor, knob };
      });
    const sysAdmin = page.getByRole("switch", { name: /CAP_SYS_ADMIN/ });
    await sysAdmin.check();
    expect(await sysAdmin.isChecked()).toBe(true);
    const [on, off] = [await look(/CAP_SYS_ADMIN/), await look(/CAP_SYS_RESOURCE/)];
    expect(on.track).not.toBe(off.track);
    expect(on.knob).not.toBe(on.track);
    expect(off.knob).not.toBe(off.track);
    await page.locator(".terminal-input").first().focus();
    const outline = await page
      .locator("#terminal")
      .evaluate((el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]);
    expect(outline).toEqual(["solid", "4px"]);
    await page.close();
  });
});

describe("the process list beside the terminal", () => {
  it("keeps its newest rows in sight as they come, and says how many more it holds", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 800 });
    await typeCommand(
      p,
      "for i in 1 2 3 4 5 6 7 8 9; do sleep 300 & done; echo started-$((6*7))",
      /started-42/,
    );
    const box = p.getByTestId("procs-box");
    const cue = p.getByTestId("procs-out-of-sight");
    // More rows than its box shows: the newest (the last sleep, the highest pid) is the one in sight.
    await expect
      .poll(() => cue.innerText(), { timeout: 10_000 })
      .toMatch(/^\d+ processes above: scroll the list/);
    const lastInSight = () =>
      box.evaluate((el) => {
        const rows = el.querySelectorAll("tbody tr");
        const last = rows[rows.length - 1]?.getBoundingClientRect();
        return !!last && last.bottom <= el.getBoundingClientRect().bottom + 1;
      });
    expect(await lastInSight()).toBe(true);
    // A tab stop of its own while it holds more than it shows, for the keyboard to scroll it.
    expect(await box.getAttribute("tabindex")).toBe("0");
    expect(await p.getByRole("region", { name: "Process list, scrolls" }).count()).toBe(1);
    // Scrolled up by the reader, it stays there when another process comes, and says what is below.
    await box.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => cue.innerText()).toMatch(/^\d+ processes below: scroll the list/);
    await typeCommand(p, "sleep 301 & echo one-more-$((6*7))", /one-more-42/);
    await p.getByRole("cell", { name: "sleep" }).nth(9).waitFor({ state: "attached", timeout: 10_000 });
    expect(await box.evaluate((el) => el.scrollTop)).toBe(0);
    // Back at its foot, it follows the newest again.
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await typeCommand(p, "sleep 302 & echo two-more-$((6*7))", /two-more-42/);
    await p.getByRole("cell", { name: "sleep" }).nth(10).waitFor({ state: "attached", timeout: 10_000 });
    await expect.poll(lastInSight).toBe(true);
    await p.close();
  });
});
