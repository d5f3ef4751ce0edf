// Where the page starts: the start screen (autostart=0: phones, embeds), where nothing runs until
// Start, which the keyboard reaches, and which a short frame cuts none of; a link's command.
import { describe, expect, it } from "vitest";
import { siteAndBrowser, terminalText, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("start screen", () => {
  it("with autostart=0 (phones, embeds) nothing runs until Start is pressed", async () => {
    const page = await lab.browser.newPage();
    // Not even downloaded, as the start screen says: no saved state, no emulator.
    const guestFiles: string[] = [];
    page.on("request", (r) => {
      if (/\/vm\/|\.wasm|libv86|vm-worker/.test(r.url())) guestFiles.push(r.url());
    });
    await page.goto(`${lab.site.url}?autostart=0`);
    const start = page.getByRole("button", { name: "Start Linux" });
    await start.waitFor();
    expect(await page.getByTestId("start-screen").innerText()).toMatch(/not running/);
    await page.waitForTimeout(1000);
    expect(guestFiles).toEqual([]);
    await start.click();
    await typeCommand(page, "echo started-$((6*7))", /started-42/, 90_000);
    await page.close();
  });

  it("with autostart=0, Tab reaches Start, and Enter there hands the keyboard to the terminal", async () => {
    for (const search of ["?autostart=0", "?autostart=0&embed=1"]) {
      const page = await lab.browser.newPage();
      await page.goto(`${lab.site.url}${search}`);
      const start = page.getByRole("button", { name: "Start Linux" });
      await start.waitFor();
      const onStart = () => start.evaluate((el) => el === document.activeElement);
      for (let i = 0; i < 30 && !(await onStart()); i++) await page.keyboard.press("Tab");
      expect(await onStart(), search).toBe(true);
      await page.keyboard.press("Enter");
      // Once its shell reads keys, the terminal has the keyboard (the button went), and is a Tab stop.
      await waitForPrompt(page, 90_000);
      await expect
        .poll(() => page.locator(".terminal-input").first().getAttribute("tabindex"), { timeout: 30_000 })
        .toBe("0");
      await page.keyboard.type("echo tabbed-$((6*7))");
      await page.keyboard.press("Enter");
      await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/tabbed-42/);
      await page.close();
    }
  });

  it("with autostart=0, the skip link leads to Start: the terminal under it would only hold keys", async () => {
    const page = await lab.browser.newPage();
    await page.goto(`${lab.site.url}?autostart=0&embed=1`);
    const start = page.getByRole("button", { name: "Start Linux" });
    await start.waitFor();
    const skip = page.getByRole("link", { name: "Skip to the terminal" });
    await skip.focus();
    await page.keyboard.press("Enter");
    expect(await start.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await waitForPrompt(page, 90_000);
    // Once Linux runs, the same link leads into the terminal.
    await skip.focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("terminal-input"))).toBe(
      true,
    );
    await page.close();
  });

  it("in a short frame, the start screen is cut off nowhere: its heading and button are in sight", async () => {
    for (const [width, height] of [
      [320, 400],
      [400, 500],
      [360, 500],
    ]) {
      const page = await lab.browser.newPage({ viewport: { width, height } });
      await page.goto(`${lab.site.url}?embed=1&autostart=0`);
      const screen = page.getByTestId("start-screen");
      await screen.waitFor();
      // Content taller than its box is scrolled, from its top: the heading and the button are in the
      // box as it is first shown, not below its foot (it shows no scroll bar to say there is more).
      const [box, heading, button] = await screen.evaluate((el) =>
        [el, el.querySelector("h2"), el.querySelector("button")].map((e) => {
          const r = e?.getBoundingClientRect();
          return r ? { top: r.top, bottom: r.bottom } : { top: NaN, bottom: NaN };
        }),
      );
      const size = `${width} × ${height}`;
      expect(heading.top, size).toBeGreaterThanOrEqual(box.top);
      expect(button.bottom, size).toBeLessThanOrEqual(box.bottom);
      if (width === 360) {
        await page.getByRole("button", { name: "Start Linux" }).click();
        await waitForPrompt(page, 60_000);
      }
      await page.close();
    }
  });

  it("a link's command waits on the first prompt of the link's identity, once, until Enter runs it", async () => {
    // The third, longer than a row of the saved screen, wraps once (it was drawn twice, the shell told
    // of the terminal's width after it).
    const long = `echo preset-$((6*7)) # ${"a comment that makes the line wrap ".repeat(4)}`;
    for (const [search, command, width] of [
      ["?uid=0&caps=none&embed=1", "echo preset-$((6*7))", 1280],
      ["?autostart=0&era=2014", "echo preset-$((6*7))", 1280],
      ["?era=2020", long, 1200],
    ] as const) {
      const page = await lab.browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${lab.site.url}${search}&cmd=${encodeURIComponent(command)}`);
      if (search.includes("autostart=0")) await page.getByRole("button", { name: "Start Linux" }).click();
      const prompt = search.includes("uid=0") ? "[uid 0] ~ # " : "[uid 1000] ~ $ ";
      // Rows joined without their breaks: a wrapped line reads as one.
      const squeezed = async () => (await terminalText(page)).replace(/\s/g, "");
      const waiting = `${prompt}${command}`.replace(/\s/g, "");
      // On the prompt's line of the shell the link asks for (after its new shell, with uid=0), not run.
      await expect.poll(async () => (await squeezed()).endsWith(waiting), { timeout: 90_000 }).toBe(true);
      await page
        .getByTestId("identity-actual")
        .filter({ hasNotText: "waiting" })
        .waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      const text = await squeezed();
      expect(text.split("preset-").length - 1, search).toBe(1);
      expect(text.endsWith(waiting), search).toBe(true);
      await page.locator(".terminal-input").first().focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\npreset-42\n/);
      await page.close();
    }
  });
});
