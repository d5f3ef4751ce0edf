// A half-typed line over several rows as the terminal narrows: busybox draws it again in its place.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();

/** Long enough for three rows of the wide terminal and five of the narrow one. */
const LONG =
  "echo this is a rather long command that wraps over several rows of the terminal abc def ghi " +
  "jkl mno pqr stu vwx yz 0123456789 one two three four five six seven eight nine ten";

const squeezed = (text: string) => text.replace(/\s/g, "");

/** The screen's text from the marker's row to the end, rows joined, white space taken out. */
async function fromMarker(page: Page): Promise<string> {
  const text = squeezed(await terminalText(page));
  return text.slice(text.lastIndexOf("echoabove"));
}

/** The longest row's length: the terminal's width, once a row is full. */
async function widest(page: Page): Promise<number> {
  return Math.max(...(await terminalText(page)).split("\n").map((row) => row.trimEnd().length));
}

/** A phone turned from landscape to portrait. */
async function turned(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 700 });
}

/** A speaker's A+, twice. */
async function largerFont(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: /^A\+/ }).click();
  await page.locator(".terminal-input").first().focus();
}

/**
 * The lab with xterm's code held back for good: the light first screen stays, in the page's layout.
 * Its rows keep no note of wrapping, so the line it can follow has no space at a row's end.
 */
async function lightLab(): Promise<Page> {
  const page = await lab.browser.newPage({ viewport: { width: 844, height: 700 } });
  await page.route(/xterm-view-[\w-]+\.js$/, () => new Promise<void>(() => {}));
  await page.goto(lab.site.url);
  await page.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
  expect(await page.locator(".light-screen").count()).toBe(1);
  return page;
}

const settled = () => openSettledLab(lab, { width: 844, height: 700 });

describe("a half-typed line over several rows, the terminal narrowed", () => {
  for (const [left, narrow, open, line, how] of [
    [0, turned, settled, LONG, "a phone turned, the cursor at the line's end"],
    [30, turned, settled, LONG, "a phone turned, the cursor moved back into the line"],
    [30, largerFont, settled, LONG, "A+, the cursor moved back into the line"],
    [30, turned, lightLab, `echo ${"abcdefghij".repeat(16)}`, "the light first screen, a phone turned"],
  ] as const)
    it(`is drawn again once, in its place, the rows above it kept (${how})`, async () => {
      const page = await open();
      await typeCommand(page, "echo above-$((6*7))", /above-42/);
      await page.keyboard.type(line);
      for (let i = 0; i < left; i++) await page.keyboard.press("ArrowLeft");
      const before = `echoabove-$((6*7))above-42[uid1000]~$${squeezed(line)}`;
      await expect.poll(() => fromMarker(page), { timeout: 10_000 }).toBe(before);
      const cols = await widest(page);

      await narrow(page);
      await expect.poll(() => widest(page)).toBeLessThan(cols);
      // Drawn twice, the line's text would show more than once; drawn too high, the output above is
      // gone. Given the time the guest takes to hear of the size and draw the line again.
      await page.waitForTimeout(1000);
      await expect.poll(() => fromMarker(page), { timeout: 10_000 }).toBe(before);

      // The cursor is where the line editor has it: a key typed now lands in the same place.
      await page.keyboard.type("Z");
      await page.keyboard.press("Enter");
      const words = line.slice("echo ".length);
      const said = `${words.slice(0, words.length - left)}Z${words.slice(words.length - left)}`;
      await expect
        .poll(async () => squeezed(await terminalText(page)), { timeout: 10_000 })
        .toContain(squeezed(said) + "[uid1000]~$");
      await page.close();
    });
});
