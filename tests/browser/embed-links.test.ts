// What a reader takes out of an embed: links, opened where the frame may, and the terminal's text, copied.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { siteAndBrowser, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("links out of an embed", () => {
  it("open a tab where the frame may; where it may not, the address is given instead of nothing", async () => {
    for (const sandbox of [
      "allow-scripts allow-same-origin allow-popups",
      "allow-scripts allow-same-origin",
    ]) {
      const host = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
      await host.setContent(
        `<iframe id="f" sandbox="${sandbox}" src="${lab.site.url}?embed=1" width="900" height="600"></iframe>`,
      );
      const frame = await (await host.waitForSelector("#f")).contentFrame();
      if (!frame) throw new Error("no frame");
      await frame
        .getByRole("button", { name: /Show the kernel history timeline/ })
        .click({ timeout: 60_000 });
      const link = frame.getByTestId("timeline").getByRole("link").first();
      const href = (await link.getAttribute("href")) ?? "";
      const popup = host
        .context()
        .waitForEvent("page", { timeout: 5000 })
        .catch(() => undefined);
      await link.click();
      const tab = await popup;
      if (sandbox.includes("allow-popups")) {
        expect(tab, sandbox).toBeDefined();
        expect(await frame.getByTestId("link-refused").count()).toBe(0);
      } else {
        expect(tab, sandbox).toBeUndefined();
        expect(await frame.getByTestId("link-refused").innerText()).toContain(href);
      }
      await tab?.close();
      await host.close();
    }
  });

  it("its name opens the full lab, in the embed's era and identity, in a new tab, running", async () => {
    const host = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await host.setContent(
      `<iframe id="f" src="${lab.site.url}?embed=1&era=2014&uid=0&caps=all&font=12" width="900" height="600"></iframe>`,
    );
    const frame = await (await host.waitForSelector("#f")).contentFrame();
    if (!frame) throw new Error("no frame");
    const link = frame.getByRole("link", { name: "exelab: open the full lab in a new tab" });
    const popup = host.context().waitForEvent("page", { timeout: 10_000 });
    await link.click({ timeout: 60_000 });
    const tab = await popup;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).search).toBe("?era=2014&uid=0&caps=all");
    await waitForPrompt(tab);
    await tab.getByTestId("identity-actual").filter({ hasText: "uid 0" }).waitFor({ timeout: 60_000 });
    // The whole lab: its timeline beside the terminal, not behind the embed's button.
    await tab.getByTestId("timeline").waitFor();
    await tab.close();
    await host.close();
  });

  it("where the frame may not open tabs, its name gives the whole address, over the page, not in the header", async () => {
    const host = await lab.browser.newPage({ viewport: { width: 400, height: 500 } });
    await host.setContent(
      `<iframe id="f" sandbox="allow-scripts allow-same-origin" src="${lab.site.url}?embed=1&era=2014" width="300" height="400"></iframe>`,
    );
    const frame = await (await host.waitForSelector("#f")).contentFrame();
    if (!frame) throw new Error("no frame");
    await frame.locator("header").waitFor({ timeout: 60_000 });
    const headerHeight = () => frame.locator("header").evaluate((el) => el.getBoundingClientRect().height);
    const before = await headerHeight();
    await frame.getByRole("link", { name: "exelab: open the full lab in a new tab" }).click();
    const refused = frame.getByTestId("link-refused");
    expect(await refused.innerText()).toContain(`${lab.site.url}?era=2014`);
    expect(await headerHeight()).toBe(before);
    expect(await frame.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(400);
    await refused.getByRole("button", { name: "Close" }).click();
    expect(await refused.count()).toBe(0);
    await host.close();
  });
});

describe("copying from an embed's terminal", () => {
  /** A frame of the lab, in a page from `parent` or a blank one, its selection copied with the hint's key. */
  async function copyInFrame(parent: string | undefined, options: { noCopyCommand?: boolean } = {}) {
    const context = await lab.browser.newContext({ viewport: { width: 1000, height: 700 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(lab.site.url).origin,
    });
    if (options.noCopyCommand) await context.addInitScript(() => (document.execCommand = () => false));
    // Read (and first cleared) where the page may: a page of the lab's own origin, allowed the
    // clipboard. The browser has one clipboard for all its pages: a marker first, so that what an
    // earlier case copied cannot pass for this one's copy.
    const reader = await context.newPage();
    await reader.goto(`${lab.site.url}?autostart=0`);
    await reader.evaluate(() => navigator.clipboard.writeText("marker: nothing copied yet"));
    const page = await context.newPage();
    // No allow="clipboard-write": the snippets documentation sites copy often have none.
    if (parent) await page.goto(parent);
    else await page.setContent(frameHtml());
    const frame = await (await page.waitForSelector("#f")).contentFrame();
    if (!frame) throw new Error("no frame");
    await frame.waitForFunction(() =>
      /\$ $/.test(document.querySelector(".terminal-rows")?.textContent?.trimEnd() + " "),
    );
    await frame.locator(".light-screen").waitFor({ state: "detached" });
    const box = await frame.locator(".xterm-screen").boundingBox();
    if (!box) throw new Error("no terminal");
    await frame.locator(".terminal-input").focus();
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + 60, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press("Control+Shift+C");
    return { page, frame, context, clipboard: () => reader.evaluate(() => navigator.clipboard.readText()) };
  }
  const frameHtml = () => `<iframe id="f" src="${lab.site.url}?embed=1" width="900" height="560"></iframe>`;

  it("copies in a frame without clipboard access, and in one with no clipboard API (plain http)", async () => {
    // Another origin (localhost, the lab on 127.0.0.1): a secure context, refused by the frame's policy.
    const docs = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(frameHtml());
    });
    await new Promise<void>((resolve) => docs.listen(0, "localhost", resolve));
    const { port } = docs.address() as AddressInfo;
    try {
      const secure = await copyInFrame(`http://localhost:${port}/`);
      expect(await secure.frame.evaluate(() => isSecureContext)).toBe(true);
      await expect.poll(secure.clipboard, { timeout: 5000 }).toMatch(/help/);
      await secure.context.close();
    } finally {
      docs.close();
    }
    // A blank page's frame: no secure context, so no navigator.clipboard at all.
    const plain = await copyInFrame(undefined);
    expect(await plain.frame.evaluate(() => isSecureContext)).toBe(false);
    await expect.poll(plain.clipboard, { timeout: 5000 }).toMatch(/help/);
    await plain.context.close();
  });

  it("says so when nothing could be copied, and what to do; the next key hides it", async () => {
    const refused = await copyInFrame(undefined, { noCopyCommand: true });
    const note = refused.frame.getByTestId("copy-refused");
    await expect.poll(() => note.textContent(), { timeout: 5000 }).toMatch(/Nothing was copied.*Right-click/);
    expect(await refused.clipboard()).toBe("marker: nothing copied yet");
    await refused.frame.locator(".terminal-input").focus();
    await refused.page.keyboard.type("x");
    await expect.poll(() => note.textContent(), { timeout: 5000 }).toBe("");
    await refused.context.close();
  });
});
