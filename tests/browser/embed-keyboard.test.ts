// An embed and the reader's keyboard: the frame's page takes no focus from the page around it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();

describe("a frame's page and the reader's keyboard", () => {
  it("a frame linked without embed=1 leaves the keyboard with the page around it as its shell starts", async () => {
    // A documentation page of its own origin (localhost; the lab is on 127.0.0.1), its reader typing
    // into its search box all the while the frame below starts.
    const docs = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(
        `<input id="search" aria-label="Search"><p style="height:300px">Intro</p>` +
          // Lazy, as the README's snippet has it: only then did the frame's focus take the reader's keys.
          `<iframe src="${lab.site.url}?era=2014" width="900" height="560" loading="lazy" title="exelab"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => docs.listen(0, "localhost", resolve));
    const { port } = docs.address() as AddressInfo;
    const page = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      await page.goto(`http://localhost:${port}/`);
      await page.locator("#search").focus();
      const ready = page
        .frameLocator("iframe")
        .getByTestId("identity-actual")
        .filter({ hasNotText: "waiting" })
        .waitFor({ timeout: 60_000 });
      let settled = false;
      void ready.then(() => (settled = true));
      let typed = 0;
      // Until the frame's shell is set up, and two seconds past it (the terminal's handover).
      for (let after = 0; after < 20; after += settled ? 1 : 0, typed++) {
        await page.keyboard.type("a");
        await page.waitForTimeout(100);
      }
      await ready;
      // Nothing in the frame asked for the keyboard either (a browser may or may not hand it over).
      const frame = page.frames().find((f) => f.url().startsWith(lab.site.url));
      expect(await frame?.evaluate(() => document.activeElement === document.body)).toBe(true);
      expect(await page.locator("#search").inputValue()).toBe("a".repeat(typed));
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    } finally {
      await page.close();
      docs.close();
    }
  });

  it("an action in the frame that ends after the reader went back to the page leaves their keys there", async () => {
    const host = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await host.setContent(
      `<input id="search" aria-label="Search">
       <iframe id="f" src="${lab.site.url}?embed=1" width="900" height="600"></iframe>
       <div style="height:1500px">More</div>`,
    );
    const frame = await (await host.waitForSelector("#f")).contentFrame();
    if (!frame) throw new Error("no frame");
    await typeCommand(frame, "sleep 4 & echo slept-$((6*7)); fg", /slept-42/, 60_000);
    // Apply over the running sleep: the frame asks first, its "Keep it running" taking the keyboard.
    await frame.getByRole("switch", { name: "CAP_SYS_ADMIN", exact: true }).click();
    await frame.getByRole("button", { name: "Apply identity" }).click();
    await frame.getByRole("button", { name: /Keep it running/ }).waitFor();
    // The reader goes back to the page and types on, while the sleep ends (the warning goes with it).
    await host.locator("#search").click();
    const y = await host.evaluate(() => window.scrollY);
    for (let i = 0; i < 60; i++) {
      await host.keyboard.type("a");
      await host.waitForTimeout(100);
    }
    await frame.getByRole("button", { name: /Keep it running/ }).waitFor({ state: "detached" });
    expect(await host.locator("#search").inputValue()).toBe("a".repeat(60));
    expect(await host.evaluate(() => window.scrollY)).toBe(y);
    expect(await terminalText(frame)).not.toContain("aaa");
    await host.close();
  });

  it("a frame opened on its About page leaves the keyboard and the scroll with the page around it", async () => {
    const host = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await host.setContent(
      `<input id="search" aria-label="Search" autofocus>
       <div style="height:1500px">Chapter one</div>
       <iframe id="f" src="${lab.site.url}?embed=1#about" width="900" height="600"></iframe>`,
    );
    const frame = await (await host.waitForSelector("#f")).contentFrame();
    await frame?.getByRole("heading", { name: "About exelab" }).waitFor({ timeout: 30_000 });
    await host.waitForTimeout(1000);
    expect(await host.evaluate(() => document.activeElement?.id)).toBe("search");
    expect(await host.evaluate(() => window.scrollY)).toBe(0);
    await host.close();
  });
});
