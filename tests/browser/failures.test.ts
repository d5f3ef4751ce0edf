// When something fails: a damaged saved state falls back to a cold boot and says so; a missing
// emulator gives a clear message and a Retry that works once the file is back. Never a blank page.
import { describe, expect, it } from "vitest";
import { siteAndBrowser, typeCommand } from "./browser";

const lab = siteAndBrowser();

describe("failures", () => {
  it("a damaged saved state falls back to a cold boot, says why, and still works", async () => {
    const page = await lab.browser.newPage();
    await page.route(/state-[0-9a-f]+\.bin\.zst$/, (route) =>
      route.fulfill({ status: 200, body: Buffer.alloc(4096, 7), contentType: "application/octet-stream" }),
    );
    await page.goto(lab.site.url);
    await page.waitForSelector(".terminal-rows");
    await typeCommand(page, "echo cold-$((6*7))", /cold-42/, 90_000);
    expect(await page.getByTestId("cold-boot-note").innerText()).toMatch(/saved state/i);
    await page.close();
  });

  it("a missing emulator shows the error and a Retry that recovers", async () => {
    const page = await lab.browser.newPage();
    let fail = true;
    await page.route(/v86-[\w-]+\.wasm$/, (route) =>
      fail ? route.fulfill({ status: 404, body: "gone" }) : route.continue(),
    );
    await page.goto(lab.site.url);
    const retry = page.getByRole("button", { name: "Retry" });
    await retry.waitFor({ timeout: 60_000 });
    expect(await page.locator("body").innerText()).toMatch(/fail|could not|error/i);
    fail = false;
    await retry.click();
    await typeCommand(page, "echo back-$((6*7))", /back-42/, 90_000);
    await page.close();
  });

  it("when the page's controls fail to load, the terminal still works and the page says so", async () => {
    const page = await lab.browser.newPage();
    await page.route(/app-root-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(lab.site.url);
    await page
      .getByRole("alert")
      .filter({ hasText: /controls could not load/ })
      .waitFor({ timeout: 30_000 });
    await typeCommand(page, "echo still-$((6*7))", /still-42/, 60_000);
    await page.close();
  });

  it("with autostart=0 (phones, embeds) nothing runs until Start is pressed", async () => {
    const page = await lab.browser.newPage();
    await page.goto(`${lab.site.url}?autostart=0`);
    const start = page.getByRole("button", { name: "Start Linux" });
    await start.waitFor();
    expect(await page.getByTestId("start-screen").innerText()).toMatch(/not running/);
    await start.click();
    await typeCommand(page, "echo started-$((6*7))", /started-42/, 90_000);
    await page.close();
  });
});
