// The page embedded in a documentation site's frame: it fits, keeps its prompt uncovered, stands still out of sight.
import { describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, typeCommand, waitForPrompt } from "./browser";
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
