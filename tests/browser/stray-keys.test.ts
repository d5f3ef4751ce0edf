// Typing meant for the terminal reaches it after the pointer left the keyboard elsewhere (a header
// control, the card's text), and stays where the keyboard put it (keys-home.ts).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typedWhereFocused } from "./browser";

const lab = siteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 800 });
});

const typeWhereFocused = (command: string, expected: RegExp) => typedWhereFocused(page, command, expected);

describe("typing meant for the terminal, after the keyboard was left elsewhere", () => {
  const size = async () =>
    Number((await page.locator('[title="Terminal font size"]').innerText()).replace(/\D/g, ""));

  it("a font button clicked with the mouse hands the keyboard back: the next command runs", async () => {
    const before = await size();
    await page.getByRole("button", { name: "Larger terminal font" }).click();
    // Each space would have pressed A+ again, and Enter too.
    await typeWhereFocused("echo after click", /after click/);
    expect(await size()).toBe(before + 1);
    await page.getByRole("button", { name: "Smaller terminal font" }).click();
    expect(await size()).toBe(before);
  });

  it("a font button clicked with the mouse hands the keyboard back at once: ↑ and Enter run the last command again", async () => {
    await typeWhereFocused("echo again-$((20+1))", /again-21/);
    const before = await size();
    await page.getByRole("button", { name: "A− smaller terminal font", exact: true }).click();
    // A button would take Enter as another press; ↑ would have gone nowhere.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await terminalText(page)).split("again-21").length - 1, { timeout: 30_000 })
      .toBe(2);
    expect(await size()).toBeLessThan(before);
    await page.getByRole("button", { name: "A+ larger terminal font", exact: true }).click();
    expect(await size()).toBe(before);
  });

  it("a font button tapped on a touch screen keeps the keyboard off the terminal (no on-screen keyboard)", async () => {
    const phone = await lab.browser.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await phone.goto(lab.site.url);
    await phone.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const larger = phone.getByRole("button", { name: "A+ larger terminal font", exact: true });
    const before = await larger.evaluate(
      () => document.querySelector('[title="Terminal font size"]')?.textContent,
    );
    await larger.tap();
    await expect
      .poll(() => phone.evaluate(() => document.querySelector('[title="Terminal font size"]')?.textContent))
      .not.toBe(before);
    expect(
      await phone.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(false);
    await phone.close();
  });

  it("a capital typed first after a click (Shift, then the letter) goes to the terminal too", async () => {
    await page.getByRole("button", { name: "Larger terminal font" }).click();
    // As a keyboard does it: Shift goes down first, alone.
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyX");
    await page.keyboard.up("Shift");
    await typeWhereFocused("=capital; echo $X", /\ncapital/);
    await page.getByRole("button", { name: "Smaller terminal font" }).click();
  });

  it("after an era picked with the mouse in the header's select, typing goes to the terminal", async () => {
    const select = page.getByLabel("Kernel rules");
    // As a mouse opens it: pointer down, the keyboard's focus on it (the native list's choice itself
    // reaches the page as the change alone).
    await select.dispatchEvent("pointerdown");
    await select.focus();
    await select.selectOption("2016");
    // At once: ↑ on the select would pick another era.
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    // Each character would have gone to the select: Space opens its list, a digit picks an era.
    await typeWhereFocused("echo 2012 era-$(cat /proc/sys/kernel/exe_link_era)", /\n2012 era-2016/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await terminalText(page)).split("2012 era-2016").length - 1, { timeout: 30_000 })
      .toBe(2);
    expect(await select.inputValue()).toBe("2016");
  });

  it("keys typed after clicking the card's text go to the terminal", async () => {
    await page.getByTestId("attempt-card").click({ position: { x: 5, y: 5 } });
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(false);
    await typeWhereFocused("echo from nowhere", /from nowhere/);
  });

  it("the keyboard moved out of the terminal with the keyboard stays out", async () => {
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    const inTerminal = () =>
      page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement));
    expect(await inTerminal()).toBe(false);
    await page.keyboard.type("jk");
    expect(await inTerminal()).toBe(false);
  });

  it("in vi, Esc Esc is vi's: the keyboard stays, and what follows reaches it", async () => {
    await page.locator(".terminal-input").first().focus();
    // The last test's first Escape reached the shell: keys that follow a lone Escape at once are
    // read with it as one key (Alt+key), as in any terminal. A person comes back later than that.
    await page.waitForTimeout(500);
    // vi's screen: its empty lines start with "~" (the typed command line has none).
    await typeWhereFocused("vi /tmp/esc-esc.txt", /\n~/);
    await page.keyboard.type("ihello-vi");
    // Out of habit, twice, quickly.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
    // As a person would, a moment later: an Escape followed at once by ":" is one key to vi (Alt+:).
    await page.waitForTimeout(300);
    await page.keyboard.type(":wq");
    await page.keyboard.press("Enter");
    await typeWhereFocused("cat /tmp/esc-esc.txt", /\nhello-vi/);
  });

  it("a control reached with the keyboard keeps its keys", async () => {
    // Named as shown first ("A+"), so that voice control finds it by what it says.
    const larger = page.getByRole("button", { name: "A+ larger terminal font", exact: true });
    await larger.focus();
    const sizes = [await size()];
    await page.keyboard.press(" ");
    sizes.push(await size());
    await page.keyboard.press("Enter");
    sizes.push(await size());
    // Two steps up (the sizes are not evenly spaced), the keyboard still on the button.
    expect(sizes[1]).toBeGreaterThan(sizes[0]);
    expect(sizes[2]).toBeGreaterThan(sizes[1]);
    expect(await larger.evaluate((el) => el === document.activeElement)).toBe(true);
    const smaller = page.getByRole("button", { name: "A− smaller terminal font", exact: true });
    await smaller.focus();
    await page.keyboard.press(" ");
    await page.keyboard.press(" ");
    expect(await size()).toBe(sizes[0]);
  });
});

describe("typing while the guest starts", () => {
  it("after a click on a cold boot's loading screen, keys wait for the first prompt, whole", async () => {
    const booting = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      await booting.goto(`${lab.site.url}?cold=1&era=2014`);
      const cover = booting.getByTestId("loading-screen");
      await cover.waitFor();
      await cover.click();
      // A person's pace, from the boot's first seconds: these keys were dropped, and those typed after
      // the prompt ran as a command cut short ("6*7))").
      await booting.keyboard.type("echo A$((6*7))", { delay: 60 });
      await booting.keyboard.press("Enter");
      await expect.poll(() => terminalText(booting), { timeout: 60_000 }).toMatch(/\nA42\n/);
      expect(await terminalText(booting)).not.toMatch(/not found|syntax error/);
    } finally {
      await booting.close();
    }
  });
});
