// The page embedded in a documentation site's frame: it fits, keeps its prompt uncovered, takes no focus.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typeCommand, waitForPrompt } from "./browser";
import { openDocsPage } from "./docs-page";

const lab = siteAndBrowser();

describe("embedded in a documentation page's frame", () => {
  it("fits the frame, with the result card in view under the terminal", async () => {
    const embed = await lab.browser.newPage({ viewport: { width: 760, height: 560 } });
    await embed.goto(`${lab.site.url}?embed=1&era=2014`);
    await waitForPrompt(embed);
    await embed.waitForSelector("header");
    await typeCommand(embed, "setexe /bin/busybox", /setexe[^\n]*EINVAL/);
    const card = embed.getByTestId("attempt-result").filter({ hasText: "EINVAL" });
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(560);
    const height = await embed.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(560);
    // The timeline's button goes once pressed: the keyboard goes on to the timeline, not to <body>.
    await embed.getByRole("button", { name: /Show the kernel history timeline/ }).focus();
    await embed.keyboard.press("Enter");
    await embed.getByTestId("timeline").waitFor();
    await expect
      .poll(() => embed.evaluate(() => document.activeElement?.getAttribute("data-testid")), {
        timeout: 5000,
      })
      .toBe("timeline");
    await embed.close();
  });
  it("in a short frame (600 × 400, 360 × 400, 300 × 400) the frame's page fits: no scrolling, the toolbar in view", async () => {
    for (const viewport of [
      { width: 600, height: 400 },
      { width: 360, height: 400 },
      { width: 300, height: 400 },
    ]) {
      const short = await lab.browser.newPage({ viewport });
      await short.goto(`${lab.site.url}?embed=1`);
      await waitForPrompt(short);
      await short.waitForSelector("header");
      await short.locator(".light-screen").waitFor({ state: "detached" });
      const sizes = JSON.stringify(viewport);
      expect(await short.evaluate(() => document.documentElement.scrollHeight), sizes).toBeLessThanOrEqual(
        viewport.height,
      );
      // The way out of the terminal still shows (a keyboard user needs it), in one line; all of the
      // hint is still the terminal's description, for screen readers.
      const hint = short.locator("#terminal-hint");
      const box = await hint.boundingBox();
      expect(box?.height, sizes).toBeGreaterThan(10);
      expect(box?.height, sizes).toBeLessThan(30);
      expect(await hint.innerText()).toMatch(/Esc Esc/);
      expect(await hint.textContent()).toMatch(/Copy: .*Leave the terminal: .*in vi, only the latter/);
      // The title and the controls share rows, wrapping control by control: two rows from 600 px
      // down to 360, three at 300 (each row of a wrapped header was a row of the terminal lost).
      const header = await short.locator("header").boundingBox();
      expect(header?.height, sizes).toBeLessThan(viewport.width >= 360 ? 100 : 130);
      // No command in the panels runs past its panel's text edge: at 300 px "masquerade /usr/sbin/sshd",
      // kept whole on one line, reached 9 px into the card's padding, and where scroll bars take room
      // (Linux, Windows; not headless Chromium's) it gave the panels a sideways scroll bar.
      const overrun = await short.locator("#panels").evaluate((panels) =>
        [...panels.querySelectorAll("code, kbd")]
          .filter((c) => {
            const box = c.closest(".panel") ?? panels;
            const style = getComputedStyle(box);
            const edge =
              box.getBoundingClientRect().right -
              parseFloat(style.paddingRight) -
              parseFloat(style.borderRightWidth);
            return c.getBoundingClientRect().right > edge + 0.5;
          })
          .map((c) => c.textContent),
      );
      expect(overrun, sizes).toEqual([]);
      await short.close();
    }
  });

  it("in a small frame, with a notice above, the panels do not cover the terminal, and all fits", async () => {
    for (const viewport of [
      { width: 360, height: 500 },
      { width: 600, height: 400 },
    ]) {
      // era=2011 is before any rules: the page says so above the terminal (one line in a frame), taking room from it.
      const small = await openSettledLab(lab, viewport, "?embed=1&era=2011&x=1&y=2");
      await small.getByTestId("view-notice").waitFor();
      const sizes = JSON.stringify(viewport);
      const rect = async (selector: string) => {
        const r = await small.locator(selector).boundingBox();
        if (!r) throw new Error(`${selector} not shown at ${sizes}`);
        return { top: r.y, bottom: r.y + r.height, height: r.height };
      };
      const [terminal, hint, panels] = [
        await rect("#terminal"),
        await rect("#terminal-hint"),
        await rect("#panels"),
      ];
      expect(terminal.bottom, sizes).toBeLessThanOrEqual(hint.top + 0.5);
      expect(hint.bottom, sizes).toBeLessThanOrEqual(panels.top + 0.5);
      // The panels keep room for the card's first lines; the frame scrolls for what does not fit
      // (short frames, under 30rem, fit whole instead: below).
      if (viewport.height >= 480) expect(panels.height, sizes).toBeGreaterThanOrEqual(120);
      // The notice's list waits behind its one line: a frame that fits without it still fits.
      const notice = await rect("[data-testid=view-notice]");
      expect(notice.height, sizes).toBeLessThan(40);
      if (viewport.height === 400)
        expect(await small.evaluate(() => document.documentElement.scrollHeight), sizes).toBe(
          viewport.height,
        );
      expect(await small.getByTestId("view-notice").innerText(), sizes).toMatch(/^3 link settings changed/);
      await small.close();
    }
  });

  it("a frame that grew and shrank back fits again", async () => {
    const page = await lab.browser.newPage({ viewport: { width: 900, height: 560 } });
    await page.goto(`${lab.site.url}?embed=1`);
    await waitForPrompt(page);
    await page.waitForSelector("header");
    await page.locator(".light-screen").waitFor({ state: "detached" });
    const rows = () => page.evaluate(() => document.querySelectorAll(".xterm-rows > div").length);
    const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
    const first = await rows();
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(rows, { timeout: 5000 }).toBeGreaterThan(first);
    await page.setViewportSize({ width: 900, height: 560 });
    await expect.poll(rows, { timeout: 5000 }).toBe(first);
    expect(await pageHeight()).toBeLessThanOrEqual(560);
    await page.close();
  });

  it("a frame hidden while the page starts (a tab, an accordion) fits once shown, in a page on plain http", async () => {
    // The blank page's frame is no secure context, as in a documentation page served on plain http
    // off localhost: no crypto.subtle, and the guest's files are checked with our own hash.
    const host = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await host.setContent(
      `<iframe id="f" src="${lab.site.url}?embed=1" width="900" height="560" style="display:none"></iframe>`,
    );
    const frame = await (await host.waitForSelector("#f", { state: "attached" })).contentFrame();
    if (!frame) throw new Error("no frame");
    expect(await frame.evaluate(() => isSecureContext)).toBe(false);
    await frame.waitForSelector(".xterm-rows", { state: "attached", timeout: 60_000 });
    await host.evaluate(() => document.getElementById("f")?.style.removeProperty("display"));
    const frameRows = () => frame.evaluate(() => document.querySelectorAll(".xterm-rows > div").length);
    // As many rows as the frame of the same size shown from the start (the test above) has.
    await expect.poll(frameRows, { timeout: 5000 }).toBe(11);
    // The prompt in view: xterm, shown before its observer had said so, was fitted while it paused its
    // drawing, and in one run in three its view stood at the top of the history, the prompt below.
    await frame.waitForFunction(() =>
      /\$ $/.test(document.querySelector(".xterm-rows")?.textContent?.trimEnd() + " "),
    );
    expect(await frame.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(560);
    // The saved screen's welcome whole, as a frame shown from the start has it: hidden, the frame has
    // no size, and the welcome was once wrapped to a 9-column grid ("kernel'" / "s era").
    const welcome = await frame.locator(".xterm-rows").innerText();
    expect(welcome).toContain("Change the shell's identity and the kernel's era from the page.");
    await host.close();
  });
});

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

describe("an embed out of sight", () => {
  it("stands still while scrolled away (its guest's CPU paused) and runs on, where it was, once back", async () => {
    const { host, frame } = await openDocsPage(lab, "?embed=1");
    await host.evaluate(() => window.scrollTo(0, 1400));
    await frame.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    const lab_ = frame.locator("[data-paused]");
    await expect.poll(() => lab_.getAttribute("data-paused"), { timeout: 5000 }).toBe("false");
    // A clock in the guest: its uptime every tenth of a second. A pause shows as one long gap
    // between two readings (the guest's clock counts the time it stood still).
    await typeCommand(
      frame,
      "(while :; do cut -d' ' -f1 /proc/uptime >> /tmp/t; usleep 100000; done) & echo loop-$((6*7))",
      /loop-42/,
    );
    await host.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => lab_.getAttribute("data-paused"), { timeout: 10_000 }).toBe("true");
    await host.waitForTimeout(3000);
    await host.evaluate(() => window.scrollTo(0, 1400));
    await expect.poll(() => lab_.getAttribute("data-paused"), { timeout: 5000 }).toBe("false");
    const text = await typeCommand(
      frame,
      "kill %1; awk 'NR>1 && $1-p>m {m=$1-p} {p=$1} END {print \"gap=\" m}' /tmp/t",
      /gap=[\d.]+/,
    );
    const gap = Number(/gap=([\d.]+)/.exec(text)?.[1]);
    expect(gap).toBeGreaterThan(2.5);
    await host.close();
  });
});

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
