// A page loaded once comes back without a network: a speaker's venue, a reload out of habit.
import { describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("offline", () => {
  it("a reload without network brings the lab back, its setup and all, from the page's own cache", async () => {
    const page = await openSettledLab(lab, { width: 1280, height: 800 }, "?era=2014");
    // The service worker takes over once the page has loaded everything (app/ui/offline-cache.ts).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.context().setOffline(true);
    await page.reload();
    await waitForPrompt(page);
    await page.waitForSelector("header");
    await typeCommand(page, "echo offline-$((40+2))", /offline-42/, 30_000);
    expect(await page.getByRole("combobox", { name: /Kernel rules/ }).inputValue()).toBe("2014");
    await page.context().close();
  });
});
