// The page's own controls (font size, era, theme, identity switches) leave the keyboard where a
// speaker's next command goes: in the terminal, or on the control, never on <body>.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typedWhereFocused } from "./browser";

const lab = siteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 800 });
});

const typeWhereFocused = (command: string, expected: RegExp) => typedWhereFocused(page, command, expected);

describe("after a control of the page's own", () => {
  it("the font buttons keep the keyboard at their limits", async () => {
    const larger = page.getByRole("button", { name: "Larger terminal font" });
    await larger.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("Enter");
    expect(await larger.getAttribute("aria-disabled")).toBe("true");
    expect(await larger.evaluate((el) => el === document.activeElement)).toBe(true);
    const smaller = page.getByRole("button", { name: "Smaller terminal font" });
    await smaller.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("Enter");
    expect(await smaller.evaluate((el) => el === document.activeElement)).toBe(true);
    // Back to the default size for the tests after this one.
    await page.getByRole("button", { name: "Larger terminal font" }).focus();
    const size = async () =>
      Number((await page.locator('[title="Terminal font size"]').innerText()).replace(/\D/g, ""));
    while ((await size()) < 15) await page.keyboard.press("Enter");
  });

  it("a timeline era button, pressed with the keyboard, does too", async () => {
    const button = page.getByTestId("era-2014");
    await button.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByLabel("Kernel rules").inputValue(), { timeout: 30_000 }).toBe("2014");
    await expect
      .poll(
        () => page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await typeWhereFocused("echo era-$(cat /proc/sys/kernel/exe_link_era)-x", /era-2014-x/);
  });

  it("the header's era select keeps the keyboard while the kernel switches", async () => {
    const select = page.getByLabel("Kernel rules");
    await select.focus();
    await select.selectOption("2017");
    // Never dropped to <body> on the way: checked as the switch runs and after it.
    for (let i = 0; i < 5; i++) {
      expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.waitForTimeout(50);
    }
    await expect.poll(() => select.inputValue(), { timeout: 30_000 }).toBe("2017");
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("Enter on the theme select hands the keyboard back to the terminal, the theme as chosen", async () => {
    const theme = page.getByRole("combobox", { name: "Theme" });
    await theme.focus();
    await theme.selectOption("dark");
    await page.keyboard.press("Enter");
    const inTerminal = () =>
      page.evaluate(() => !!document.getElementById("terminal")?.contains(document.activeElement));
    await expect.poll(inTerminal).toBe(true);
    expect(await theme.inputValue()).toBe("dark");
    await theme.selectOption("system");
  });

  it("arrow keys on the era select switch once, to where they stop; Esc keeps the running era", async () => {
    const select = page.getByLabel("Kernel rules");
    const notes = async () => (await terminalText(page)).split("the kernel now follows the").length - 1;
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    const before = await notes();
    await select.focus();
    // 2017 → 2016 → 2014 → 2012: each key changed the value, and each change switched the kernel.
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
    expect(await page.getByText("switches in a moment · Enter: now · Esc: keep 2017").isVisible()).toBe(true);
    // Said before it happens, to a screen reader too: the pause switches, and moves the keyboard.
    expect(await select.getAttribute("aria-describedby")).toBe("era-held era-keys");
    expect(await page.locator("#era-keys").textContent()).toMatch(
      /a second after the last key.*the keyboard goes back to the terminal/,
    );
    await expect.poll(() => select.inputValue()).toBe("2012");
    await page.waitForTimeout(300);
    expect(await notes()).toBe(before);
    await expect.poll(notes, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    await page.waitForTimeout(1500);
    expect(await notes()).toBe(before + 1);
    expect(await terminalText(page)).toMatch(/the kernel now follows the 2012 rules/);
    // The pause's switch is done with the select, as Enter is: the keyboard is back in the terminal,
    // where a speaker's next command goes (left on the select, it went nowhere).
    const inTerminal = () =>
      page.evaluate(() => !!document.getElementById("terminal")?.contains(document.activeElement));
    expect(await inTerminal()).toBe(true);
    await page.keyboard.type("echo paused $((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/paused 42/);
    // Held, then dropped: nothing switches, and Esc too hands the keyboard back.
    await select.focus();
    await page.keyboard.press("ArrowDown");
    expect(await select.inputValue()).toBe("2014");
    await page.keyboard.press("Escape");
    expect(await select.inputValue()).toBe("2012");
    expect(await inTerminal()).toBe(true);
    await page.waitForTimeout(2000);
    expect(await notes()).toBe(before + 1);
    await select.focus();
    // Enter acts at once, with no pause, and hands the keyboard back to the terminal: what is typed
    // next is a command, not a key for the select (a space opened its list over the terminal).
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(notes, { timeout: 30_000 }).toBe(before + 2);
    await expect.poll(() => select.inputValue()).toBe("2014");
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
    await page.keyboard.type("echo picked $((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/picked 42/);
    expect(await select.inputValue()).toBe("2014");
  });
});

describe("the identity switches", () => {
  it("a link's new user namespace, switched off untouched, takes its capabilities with it, as the switch's own does", async () => {
    const linked = await openSettledLab(lab, { width: 1280, height: 800 }, "?era=2014&userns=1");
    const caps = () =>
      Promise.all(
        ["CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE", "CAP_SYS_RESOURCE"].map((name) =>
          linked.getByRole("switch", { name, exact: true }).isChecked(),
        ),
      );
    expect(await caps()).toEqual([true, true, true]);
    await linked.getByLabel("new user namespace").uncheck();
    expect(await caps()).toEqual([false, false, false]);
    await linked.close();
  });

  it("in a 300 × 400 frame, Apply's word that there is nothing to apply comes into sight, as much as fits", async () => {
    const small = await openSettledLab(lab, { width: 300, height: 400 }, "?embed=1");
    await small.getByRole("button", { name: "Apply identity" }).click();
    await small.getByTestId("nothing-to-apply").waitFor();
    // The panels scroll in a box under the terminal, lower than the note is tall: it shows from its top.
    const shown = () =>
      small.evaluate(() => {
        const note = document.querySelector("[data-testid=nothing-to-apply]");
        let box = note?.parentElement;
        while (box && getComputedStyle(box).overflowY !== "auto") box = box.parentElement;
        if (!note || !box) throw new Error("no note, or no scrolling box around it");
        const n = note.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        const visible = Math.min(n.bottom, b.bottom, window.innerHeight) - Math.max(n.top, b.top, 0);
        return visible >= Math.min(n.height, b.height) - 2;
      });
    await expect.poll(shown).toBe(true);
    await small.close();
  });
});
