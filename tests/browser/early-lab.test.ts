// Before the page's code has loaded, the lab's stand-in restores the guest and answers the first keys.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { holdRequests, siteAndBrowser, terminalText, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

/** The page's code after the first screen (app/ui/page-start.ts and the lab), held until released. */
const PAGE_CODE = /\/assets\/page-start-[\w-]+\.js$/;

/** Opens the lab with the page's code held back; resolves once the page has asked for it. */
async function openHeld(): Promise<{ page: Page; release: () => void; asked: Promise<unknown> }> {
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const release = await holdRequests(page, PAGE_CODE);
  const asked = page.waitForRequest(PAGE_CODE, { timeout: 60_000 });
  await page.goto(lab.site.url);
  await waitForPrompt(page);
  return { page, release, asked };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("the lab's stand-in", () => {
  it("answers a command typed into the saved screen before the lab exists, then hands over", async () => {
    const { page, release, asked } = await openHeld();
    await page.keyboard.insertText("echo early-$((2+3))");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^early-5$/m);
    // The answer came with the page's code still held: the stand-in drew it, and then asked for it.
    await asked;
    expect(await page.locator("header").count()).toBe(0);
    release();
    await page.waitForSelector("header");
    await page.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
    // The lab took over: its agent answers (the identity shown), and the terminal goes on.
    await page.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    await typeCommand(page, "echo later-$((3+4))", /later-7/);
    // The saved screen once: the lab did not write it again, nor the answer drawn before it came.
    const text = await terminalText(page);
    expect(count(text, "BusyBox v")).toBe(1);
    expect(text.match(/^early-5\s*$/gm)).toHaveLength(1);
    await page.close();
  });

  it("keeps a paste for the lab, asks for it at once, and the paste runs once it is there", async () => {
    const { page, release, asked } = await openHeld();
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText(`echo ${"y".repeat(600)} | wc -c`);
    await page.keyboard.press("Enter");
    await asked;
    // Held with the page's code: nothing of it has reached the shell.
    await page.waitForTimeout(500);
    expect(await terminalText(page)).not.toContain("yyyy");
    release();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^601$/m);
    await page.close();
  });
});
