// When the emulator, or a part of the page loaded later, fails to load: a clear message, no cold boot
// that would need the same missing part, and a Retry or Try again that works once it is back.
import { describe, expect, it } from "vitest";
import { siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();

describe("parts that fail to load", () => {
  it("a missing part of the emulator (v86's code, the worker's) offers no cold boot, which needs it too", async () => {
    for (const [part, file] of [
      ["v86's code", /\/libv86-[\w-]+\.js$/],
      ["its worker's code", /\/vm-worker-[\w-]+\.js/],
    ] as const) {
      const page = await lab.browser.newPage();
      await page.context().route(file, (route) => route.fulfill({ status: 404, body: "gone" }));
      await page.goto(lab.site.url);
      const box = page.getByTestId("load-error");
      await box.waitFor({ timeout: 60_000 });
      expect(await box.innerText(), part).toContain(`could not load the emulator (${part})`);
      expect(await box.getByRole("link", { name: /boot from scratch/ }).count(), part).toBe(0);
      await page.context().unroute(file);
      await page.close();
    }
  });

  it("a worker whose code throws as it starts is no failure of the saved state, and offers no cold boot", async () => {
    const page = await lab.browser.newPage();
    const file = /\/vm-worker-[\w-]+\.js/;
    await page
      .context()
      .route(file, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: "throw 1;" }),
      );
    await page.goto(lab.site.url);
    const box = page.getByTestId("load-error");
    await box.waitFor({ timeout: 60_000 });
    const text = await box.innerText();
    expect(text).toContain(
      "could not load the emulator (its worker's code): it failed as it started: Uncaught 1",
    );
    expect(text).not.toMatch(/saved state/);
    expect(await box.getByRole("link", { name: /boot from scratch/ }).count()).toBe(0);
    await page.context().unroute(file);
    await page.close();
  });

  it("a part that failed to load (the about page, the timeline) loads again with Try again", async () => {
    const page = await lab.browser.newPage();
    let fail = true;
    const chunk = /\/assets\/(about-page|timeline)-[\w-]+\.js$/;
    await page.route(chunk, (route) =>
      fail ? route.fulfill({ status: 404, body: "gone" }) : route.continue(),
    );
    await page.goto(lab.site.url + "#about");
    const alert = page.getByRole("alert").filter({ hasText: "The about page failed to show" });
    await alert.waitFor({ timeout: 30_000 });
    // A way back, though the about page (and its own link back) never came.
    expect(await alert.getByRole("link", { name: "← Back to the lab" }).count()).toBe(1);
    expect(await alert.innerText()).toContain(
      "Its code could not be loaded: the network went, or the site was updated",
    );
    // The page on show is this message: its heading is the page's h1 (the lab's is hidden), and has the keyboard.
    const heading = alert.getByRole("heading", { level: 1, name: "The about page failed to show." });
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    fail = false;
    await alert.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "About exelab" }).waitFor({ timeout: 10_000 });
    await page.getByRole("link", { name: "← Back to the lab" }).first().click();
    // The timeline, under the lab, failed as the about page did (its load failed before `fail` changed).
    await page
      .getByRole("alert")
      .filter({ hasText: "The timeline failed to show" })
      .getByRole("button", { name: "Try again" })
      .click();
    await page.getByTestId("era-2014").waitFor({ timeout: 10_000 });
    // The failed loads are the page's console errors, on purpose here.
    lab.takePageErrors();
    await page.close();
  });

  it("a missing style sheet is said at the page's top, and the lab still runs", async () => {
    const page = await lab.browser.newPage();
    await page.route(/\/assets\/index-[\w-]+\.css$/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(lab.site.url);
    const note = page.getByRole("alert").and(page.getByTestId("styles-missing"));
    await note.waitFor({ timeout: 30_000 });
    expect(await note.innerText()).toMatch(/styles could not be loaded \(.*\/assets\/index-[\w-]+\.css\)/);
    await typeCommand(page, "echo bare-$((6*7))", /bare-42/, 60_000);
    // Still there once the page has drawn itself.
    expect(await note.count()).toBe(1);
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
    // Said as it is (not as a kernel that could not be unpacked), with no way round through a cold
    // boot, which needs the same emulator.
    const box = page.getByTestId("load-error");
    expect(await box.innerText()).toMatch(/could not load the emulator \(v86\.wasm\)/);
    expect(await box.innerText()).not.toMatch(/kernel/);
    expect(await box.getByRole("link", { name: /boot from scratch/ }).count()).toBe(0);
    // The terminal agrees with the box: nothing boots, and the saved prompt does not invite typing.
    await page.locator(".light-screen").waitFor({ state: "detached" });
    const text = await terminalText(page);
    expect(text).toMatch(/\[exelab: the guest could not start/);
    expect(text).not.toMatch(/booting Linux/);
    const terminal = page.locator("[data-live]");
    expect(await terminal.getAttribute("data-live")).toBe("false");
    expect(await terminal.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    expect(await page.locator(".xterm-cursor").count()).toBe(0);
    // The keyboard is not left nowhere: it is on Retry.
    const onRetry = () =>
      page.waitForFunction(() => document.activeElement?.textContent === "Retry", null, { timeout: 5000 });
    await onRetry();
    // Back from the about page too: to Retry, not into the dead terminal.
    await page.getByRole("link", { name: "About" }).click();
    await page.getByRole("link", { name: "← Back to the lab" }).first().click();
    // The timeline, under the lab, failed as the about page did (its load failed before `fail` changed).
    await onRetry();
    // Tab from Retry goes on through the page, not into the dead terminal (which took no keys).
    await page.keyboard.press("Tab");
    expect(await terminal.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    fail = false;
    // With the keyboard, as its user would: the terminal has it once the guest is up.
    await retry.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector("[data-live=true]")?.contains(document.activeElement) ?? false,
      null,
      { timeout: 90_000 },
    );
    await typeCommand(page, "echo back-$((6*7))", /back-42/, 90_000);
    expect(await terminal.getAttribute("data-live")).toBe("true");
    await page.close();
  });
});
