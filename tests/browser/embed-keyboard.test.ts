// An embed used from the keyboard: what the keyboard moves to comes into the reader's view.
import { describe, expect, it } from "vitest";
import { siteAndBrowser } from "./browser";

const lab = siteAndBrowser();

describe("an embed on the keyboard", () => {
  it("Apply by keyboard, the terminal above the reader's window: the terminal comes into view", async () => {
    const host = await lab.browser.newPage({ viewport: { width: 1280, height: 700 } });
    await host.setContent(
      `<div style="height:1500px">Chapter one</div>
       <iframe id="f" src="${lab.site.url}?embed=1&era=2014" width="1000" height="560"></iframe>
       <div style="height:1500px">Chapter two</div>`,
    );
    const frame = await (await host.waitForSelector("#f")).contentFrame();
    if (!frame) throw new Error("no frame");
    await frame.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    // The panels in the reader's window, the terminal above it (a click here leaves the page be: embed.test.ts).
    await host.evaluate(() => window.scrollTo(0, 1500 + 330));
    const terminalTop = async () => (await frame.locator("#terminal").boundingBox())?.y ?? NaN;
    expect(await terminalTop()).toBeLessThan(0);
    await frame.getByRole("radio", { name: "root (uid 0)" }).check();
    await frame.getByRole("button", { name: "Apply identity" }).focus();
    await host.keyboard.press("Enter");
    await frame.getByTestId("identity-actual").filter({ hasText: "uid 0" }).waitFor({ timeout: 30_000 });
    // The reader's page moved just enough: the terminal, which has the keyboard, is in their window.
    await expect.poll(terminalTop, { timeout: 5000 }).toBeGreaterThanOrEqual(-1);
    expect(await terminalTop()).toBeLessThan(700 / 2);
    expect(await frame.evaluate(() => document.activeElement?.classList.contains("terminal-input"))).toBe(
      true,
    );
    await host.keyboard.type("echo applied-$((40+2))\n");
    await frame.waitForFunction(() =>
      document.querySelector(".xterm-rows")?.textContent?.includes("applied-42"),
    );
    await host.close();
  });
});
