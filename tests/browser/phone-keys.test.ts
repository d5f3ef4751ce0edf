// On a phone: the row of keys its keyboard lacks (shown while the terminal has the keyboard, reaching the shell), and swipes through the terminal's history.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, waitForPrompt } from "./browser";

const lab = siteAndBrowser();
let phone: Page;

const inTerminal = (p: Page) =>
  p.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement) ?? false);

async function runs(p: Page, command: string, expected: RegExp): Promise<void> {
  await p.keyboard.type(command);
  await p.keyboard.press("Enter");
  await expect.poll(async () => expected.test(await terminalText(p)), { timeout: 30_000 }).toBe(true);
}

/**
 * A finger's swipe over the terminal, `dy` pixels down (negative: up), in small steps as a finger
 * moves (`steps`: more for a slower finger, each step less than a row).
 */
async function swipe(p: Page, dy: number, steps = 20): Promise<void> {
  const box = await p.locator(".xterm-screen").boundingBox();
  if (!box) throw new Error("no terminal");
  const cdp = await p.context().newCDPSession(p);
  const x = box.x + box.width / 2;
  let y = box.y + box.height / 2 - dy / 2;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 0; i < steps; i++) {
    y += dy / steps;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

beforeAll(async () => {
  phone = await lab.browser.newPage({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  // An on-screen keyboard, as the page sees one: the visual viewport shorter by its height.
  await phone.addInitScript(() => {
    const w = window as unknown as { keyboardHeight: number };
    w.keyboardHeight = 0;
    const vv = window.visualViewport;
    if (vv) Object.defineProperty(vv, "height", { get: () => window.innerHeight - w.keyboardHeight });
  });
  await phone.goto(lab.site.url);
  await waitForPrompt(phone);
  await phone.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
});

afterAll(() => phone.close());

/** The on-screen keyboard comes up (`height` px) or goes (0). */
async function keyboard(p: Page, height: number): Promise<void> {
  await p.evaluate((h) => {
    (window as unknown as { keyboardHeight: number }).keyboardHeight = h;
    window.visualViewport?.dispatchEvent(new Event("resize"));
  }, height);
}

describe("a phone's row of keys", () => {
  it("shows while the terminal has the keyboard and the keyboard is up, on top of it, all on screen", async () => {
    const bar = phone.getByTestId("key-bar");
    // The terminal has the keyboard from the start, but no finger asked for it: no keyboard is up.
    expect(await inTerminal(phone)).toBe(true);
    expect(await bar.isVisible()).toBe(false);
    await phone.locator(".xterm-screen").tap();
    await keyboard(phone, 300);
    await expect.poll(() => bar.isVisible()).toBe(true);
    const box = await bar.boundingBox();
    expect(box && Math.round(box.y + box.height)).toBe(844 - 300);
    for (const button of await bar.getByRole("button").all()) {
      const b = await button.boundingBox();
      expect(b && b.x >= 0 && b.x + b.width <= 390 && b.height >= 40).toBe(true);
    }
  });

  it("^C stops a program and the terminal keeps the keyboard", async () => {
    await phone.keyboard.type("sleep 300");
    await phone.keyboard.press("Enter");
    await phone.waitForTimeout(500);
    await phone.getByRole("button", { name: "Ctrl+C: stop the program" }).tap();
    expect(await inTerminal(phone)).toBe(true);
    // Behind a sleep of five minutes, this would not run.
    await runs(phone, "echo stopped-$((6*7))", /\nstopped-42/);
  });

  it("↑ brings back the last command, Tab completes a name", async () => {
    await phone.getByRole("button", { name: "Up: the command before" }).tap();
    await phone.keyboard.press("Enter");
    await expect
      .poll(async () => (await terminalText(phone)).split("\nstopped-42").length - 1, { timeout: 30_000 })
      .toBe(2);
    await phone.keyboard.type("echo tab-$(cat /proc/sys/kernel/exe_link_e");
    await phone.getByRole("button", { name: "Tab: complete the name" }).tap();
    await runs(phone, ")", /\ntab-20\d\d/);
    expect(await inTerminal(phone)).toBe(true);
  });

  it("Copy puts the rows in view on the clipboard: a finger cannot select in the terminal", async () => {
    await phone.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: lab.site.url });
    await runs(phone, "echo copy-$((6*7)) && echo second-line", /\nsecond-line\n/);
    const copy = phone.getByRole("button", { name: "Copy: the rows in view" });
    await copy.tap();
    await phone.getByRole("button", { name: "Copied the rows in view" }).waitFor({ timeout: 5000 });
    const text = await phone.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/\ncopy-42\nsecond-line\n\[uid 1000\] ~ \$$/);
    expect(await inTerminal(phone)).toBe(true);
  });

  it("a swipe over the terminal scrolls its history, back and forth", async () => {
    await runs(phone, "seq 1001 1300", /\n1300\n/);
    const firstRow = async () => Number((await terminalText(phone)).trim().split("\n")[0]);
    const bottom = await firstRow();
    await swipe(phone, 300);
    const back = await firstRow();
    expect(back).toBeLessThan(bottom - 5);
    // Further up than it came down (rows are whole, the finger's travel is not): back at the foot.
    await swipe(phone, -450);
    expect(await firstRow()).toBe(bottom);
  });

  it("a slow swipe over the terminal's history scrolls it alone, not the page around it too", async () => {
    await runs(phone, "seq 2001 2300", /\n2300\n/);
    const firstRow = async () => Number((await terminalText(phone)).trim().split("\n")[0]);
    const bottom = await firstRow();
    await phone.evaluate(() => window.scrollTo({ top: 150 }));
    const pageAt = await phone.evaluate(() => window.scrollY);
    expect(pageAt).toBeGreaterThan(0);
    // 8 px a move, under a row: the first move, left to the page, gave the page the whole swipe.
    await swipe(phone, 200, 25);
    expect(await firstRow()).toBeLessThan(bottom - 5);
    expect(await phone.evaluate(() => window.scrollY)).toBe(pageAt);
    await swipe(phone, -400, 50);
    expect(await firstRow()).toBe(bottom);
    expect(await phone.evaluate(() => window.scrollY)).toBe(pageAt);
    // At the history's foot, a swipe on down (the finger moving up) is the page's to scroll.
    await swipe(phone, -100, 10);
    expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(pageAt);
    await phone.evaluate(() => window.scrollTo({ top: 0 }));
  });

  it("keeps the prompt above it as output comes", async () => {
    await runs(phone, "seq 1 40", /\n40\n/);
    await expect
      .poll(async () => {
        const input = await phone.locator(".terminal-input").first().boundingBox();
        const bar = await phone.getByTestId("key-bar").boundingBox();
        return input && bar ? input.y + input.height <= bar.y : false;
      })
      .toBe(true);
  });

  it("goes when the keyboard leaves the terminal", async () => {
    await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect.poll(() => phone.getByTestId("key-bar").isVisible()).toBe(false);
  });
});

describe("a finger's actions", () => {
  it("a timeline era tapped leaves the keyboard and the page where they were (no on-screen keyboard)", async () => {
    await keyboard(phone, 0);
    const button = phone.getByTestId("era-2014");
    await button.scrollIntoViewIfNeeded();
    const before = await phone.evaluate(() => window.scrollY);
    // The header's heights through the switch: its "switching…" once wrapped it for a line, and a
    // loaded machine's CI run found the page 31 px further down afterwards.
    await phone.evaluate(() => {
      const heights: number[] = [];
      (window as unknown as { headerHeights: number[] }).headerHeights = heights;
      const header = document.querySelector("header");
      if (header) new ResizeObserver(() => heights.push(header.offsetHeight)).observe(header);
    });
    await button.tap();
    await expect.poll(() => phone.getByLabel("Kernel rules").inputValue(), { timeout: 30_000 }).toBe("2014");
    await expect
      .poll(() => phone.getByLabel("Kernel rules").getAttribute("aria-disabled"), { timeout: 30_000 })
      .toBeNull();
    await phone.waitForTimeout(500);
    expect(await inTerminal(phone)).toBe(false);
    const heights = await phone.evaluate(
      () => (window as unknown as { headerHeights: number[] }).headerHeights,
    );
    expect(new Set(heights).size, `header heights ${heights.join(", ")}`).toBe(1);
    expect(Math.abs((await phone.evaluate(() => window.scrollY)) - before)).toBeLessThan(5);
  });

  it("Apply, tapped far under the terminal, says it is done there, and a tap goes back up to the terminal", async () => {
    await keyboard(phone, 0);
    const sysResource = phone.getByRole("switch", { name: /CAP_SYS_RESOURCE/ });
    await sysResource.scrollIntoViewIfNeeded();
    await sysResource.tap();
    const apply = phone.getByRole("button", { name: /^Apply/ });
    await apply.tap();
    const done = phone.getByTestId("applied-by-touch");
    await expect.poll(() => done.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await done.innerText()).toMatch(/^Applied: the terminal has the new shell/);
    // The terminal, with its note on the new shell, is out of sight above.
    const terminalTop = () => phone.locator("#terminal").evaluate((el) => el.getBoundingClientRect().top);
    expect(await terminalTop()).toBeLessThan(0);
    await phone.getByRole("button", { name: "Back to the terminal" }).tap();
    await expect.poll(terminalTop).toBeGreaterThanOrEqual(0);
    // The keyboard stays down: no focus into the terminal the finger did not tap.
    expect(await inTerminal(phone)).toBe(false);
    // Another switch moved: the note is of the shell before it, and goes.
    await sysResource.tap();
    expect(await done.count()).toBe(0);
    await sysResource.tap();
  });

  it("the timeline says what each commit did in words on the page, not in a tooltip a finger never sees", async () => {
    const role = phone.getByText(": reverts that, restoring the write protection");
    await role.scrollIntoViewIfNeeded();
    expect(await role.isVisible()).toBe(true);
    expect(await phone.locator("ul[aria-label=Commits] a[title]").count()).toBe(0);
    expect(await phone.locator("ul[aria-label=Commits] a").count()).toBeGreaterThan(10);
  });

  it("a commit's link, small text among others, is a target a finger can hit (24 px high at least)", async () => {
    const link = phone.locator("#panels a.font-mono").first();
    const box = await link.boundingBox();
    expect(box && box.height).toBeGreaterThanOrEqual(24);
  });
});

describe("where the keyboard shortens the whole layout (Firefox on Android, web views)", () => {
  it("the row of keys shows too, at the foot of the shortened window", async () => {
    const p = await lab.browser.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await p.goto(lab.site.url);
    await waitForPrompt(p);
    await p.locator(".xterm-screen").tap();
    const bar = p.getByTestId("key-bar");
    await p.waitForTimeout(300);
    expect(await bar.isVisible()).toBe(false);
    // The keyboard comes up: the window itself is 394 px shorter, the visual viewport with it.
    await p.setViewportSize({ width: 390, height: 450 });
    await expect.poll(() => bar.isVisible()).toBe(true);
    const box = await bar.boundingBox();
    expect(box && Math.round(box.y + box.height)).toBe(450);
    await p.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => bar.isVisible()).toBe(false);
    await p.close();
  });
});

describe("with a mouse and a keyboard", () => {
  it("there is no row of keys: the keyboard has them", async () => {
    const desk = await openSettledLab(lab, { width: 1280, height: 800 });
    await desk.locator(".terminal-input").first().focus();
    expect(await inTerminal(desk)).toBe(true);
    await desk.waitForTimeout(300);
    expect(await desk.getByTestId("key-bar").isVisible()).toBe(false);
    await desk.close();
  });
});
