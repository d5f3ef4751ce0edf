// The page end to end in Chromium: refused, granted, succeeded, older era, with the card explaining.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, siteAndBrowser, terminalText, typeCommand, waitForPrompt } from "./browser";
import { SCHEDULER_FLAG, prefetchFromUrl } from "../../app/core/worker-url";

const lab = siteAndBrowser();
let page: Page;
const requests: string[] = [];
/** The README's screenshots are rewritten only when asked for (`UPDATE_SCREENSHOTS=1`), so a test
 * run leaves the checkout as it found it; otherwise they are taken and checked, then dropped. */
async function screenshot(name: string): Promise<void> {
  const png = await page.screenshot(
    process.env.UPDATE_SCREENSHOTS === "1" ? { path: join(ROOT, "docs/screenshots", name) } : {},
  );
  // A PNG's signature, and more than a blank page's few hundred bytes.
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(png.length).toBeGreaterThan(10_000);
}

// After siteAndBrowser's own beforeAll (hooks run in the order they were registered).
beforeAll(async () => {
  page = await lab.browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(lab.site.url);
});

async function cardText(): Promise<string> {
  return page.getByTestId("attempt-card").innerText();
}

describe("the first minute", () => {
  it("the prompt becomes usable, uncovered and with the keyboard already in the terminal", async () => {
    await page.waitForSelector(".terminal-rows", { timeout: 60_000 });
    // Typed without a click: the page gives the terminal the keyboard once the shell is live.
    await page.waitForFunction(
      () => document.activeElement?.classList.contains("terminal-input") ?? false,
      null,
      { timeout: 60_000 },
    );
    expect(await page.getByTestId("loading-screen").count()).toBe(0);
    // The terminal is up before the page around it; when that arrives, the keyboard stays put.
    await page.waitForSelector("header");
    expect(await page.evaluate(() => document.activeElement?.className)).toMatch(/terminal-input/);
    await page.keyboard.type("echo ready-$((6*7))");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      /ready-42/.test(document.querySelector(".terminal-rows")?.textContent ?? ""),
    );
  });

  it("embedded, it leaves the keyboard to the page around it", async () => {
    const embedded = await lab.browser.newPage();
    await embedded.goto(`${lab.site.url}?embed=1`);
    await typeCommand(embedded, "echo embedded-$((6*7))", /embedded-42/, 60_000);
    await embedded.reload();
    await waitForPrompt(embedded, 30_000);
    await embedded.getByTestId("loading-screen").waitFor({ state: "detached" });
    expect(await embedded.evaluate(() => document.activeElement === document.body)).toBe(true);
    await embedded.close();
  });

  it("loads only from its own origin, and not the kernel or BIOS when the state restores", () => {
    const origin = new URL(lab.site.url).origin;
    // blob: URLs (v86's own timer worker, where it needs one) carry the page's own origin.
    expect(requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin)).toEqual([]);
    expect(requests.filter((u) => /kernel-|seabios-/.test(u))).toEqual([]);
    // One emulator worker, started by the HTML and taken over by the page: the state comes once.
    expect(requests.filter((u) => /state-[0-9a-f]+\.bin\.zst$/.test(u))).toHaveLength(1);
    const workers = requests.filter((u) => /vm-worker-[\w-]+\.js(\?|$)/.test(u));
    expect(workers).toHaveLength(1);
    // v86 in it schedules itself on its own thread, and the downloads started as its code ran.
    expect(prefetchFromUrl(new URL(workers[0]).search)).toEqual({
      mode: "restore",
      vmBase: new URL("vm/", lab.site.url).href,
    });
    expect(new URL(workers[0]).searchParams.has(SCHEDULER_FLAG)).toBe(true);
    expect(requests.filter((u) => /v86-[\w-]+\.wasm$/.test(u))).toHaveLength(1);
  });

  it("uid 1000 without capabilities is refused with EPERM", async () => {
    expect(await page.getByTestId("identity-actual").innerText()).toMatch(/1000/);
    await typeCommand(page, "setexe --via map /usr/sbin/sshd", /setexe[^\n]*EPERM/);
    await page.getByTestId("attempt-result").filter({ hasText: "EPERM" }).waitFor();
    expect(await cardText()).toMatch(/CAP_CHECKPOINT_RESTORE/);
  });

  it("with CAP_CHECKPOINT_RESTORE the same command succeeds and the link changes", async () => {
    const toggle = page.getByRole("switch", { name: "CAP_CHECKPOINT_RESTORE", exact: true });
    await toggle.click();
    await page.getByRole("button", { name: "Apply identity" }).click();
    await page
      .getByTestId("identity-actual")
      .filter({ hasText: /cap_checkpoint_restore|CAP_CHECKPOINT_RESTORE/i })
      .waitFor();
    // Wait for the holder line too: it comes after the result.
    const out = await typeCommand(page, "setexe --via map /usr/sbin/sshd", /sshd: OK.*holder: pid \d+ \(/);
    // The terminal still shows the refused attempt's holder above: take the newest one.
    const pid = [...out.matchAll(/holder: pid (\d+)/g)].at(-1)?.[1];
    expect(pid).toBeDefined();
    await page.getByTestId("attempt-result").filter({ hasText: /OK|0/ }).waitFor();
    const row = page.getByRole("row").filter({ hasText: `${pid}` });
    await row.filter({ hasText: "/usr/sbin/sshd" }).waitFor();
    expect(await row.innerText()).toContain("/usr/bin/setexe");
    // Clicking the switch scrolled the panels; the README shows the card at the top.
    await page.locator("#panels").evaluate((el) => el.scrollTo(0, 0));
    await screenshot("desktop.png");
  });

  it("after choosing era 2014 the same attempt gives EINVAL and the card names the 2014 rule", async () => {
    const button = page.getByRole("button", { name: /2014/ }).first();
    await button.click();
    await expect.poll(() => button.getAttribute("aria-current")).toBe("true");
    await typeCommand(page, "setexe --via map /usr/sbin/sshd", /setexe[^\n]*EINVAL/);
    await page.getByTestId("attempt-result").filter({ hasText: "EINVAL" }).waitFor();
    const card = await cardText();
    expect(card).toMatch(/2014/);
    expect(card).toMatch(/f606b77f1a9e/);
    expect(await terminalText(page)).toContain("EINVAL");
  });

  it("a control sequence with a huge count does not freeze the page", async () => {
    // xterm.js runs these once per count: 2^31 turns took the tab for minutes before they were cut.
    const huge = ["L", "M", "S", "T", "Z", "I", "b"].map((final) => `\\033[2147483647${final}`).join("");
    await page.locator(".terminal-input").first().focus();
    // The sequences clear and scroll the screen: the output is looked for anywhere on it.
    await page.keyboard.type(`printf 'x${huge}'; echo after-$((6*7))`);
    await page.keyboard.press("Enter");
    // Where the cursor was left, the output may wrap mid-word.
    const flat = async () => (await terminalText(page)).replace(/\s/g, "");
    await expect.poll(flat, { timeout: 30_000 }).toMatch(/after-42\[uid/);
  });

  it("binary output shows its characters past ASCII as one mark, and the text after it as written", async () => {
    // Random bytes decode to thousands of distinct characters, and the browser looks for a font for
    // each as it is drawn: `cat /dev/urandom` froze the page for seconds at a time, Ctrl+C with it.
    await page.locator(".terminal-input").first().focus();
    // The marker after CAN (the bytes may have left a string sequence open, that would swallow it)
    // and a soft reset (DECSTR: wrapping at the edge may be off, where it would overwrite itself, or
    // text hidden); the screen is kept.
    await page.keyboard.type(
      "head -c 300000 /dev/urandom; sleep 1; printf '\\030\\033[!p\\n'; echo flood-$((6*7))",
    );
    await page.keyboard.press("Enter");
    const flat = async () => (await terminalText(page)).replace(/\s/g, "");
    await expect.poll(flat, { timeout: 60_000 }).toMatch(/flood-42/);
    // Text a moment after the flood, as a learner's next command is: marks last 250 ms of the page's
    // time past the last broken sequence it drew, and a loaded page draws a flood's end late (printed
    // in the flood's own command, after its sleep, the marker was sometimes drawn within them).
    // Ctrl+C first: the terminal's answers to queries among the bytes wait at the prompt as typed keys.
    await page.waitForTimeout(500);
    await page.keyboard.press("Control+C");
    await page.keyboard.type("printf '\\346\\227\\245-%s\\n' $((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(flat, { timeout: 30_000 }).toMatch(/日-42/);
    // Beyond ASCII only the mark: not even what the terminal's own character sets would draw for
    // ASCII bytes (DEC's line drawing, national sets), which the bytes may switch to (the next test).
    const beyondAscii = [...(await terminalText(page))].filter(
      (c) => c > "\u00ff" && !"\ufffd日".includes(c),
    );
    expect(new Set(beyondAscii)).toEqual(new Set());
    // The terminal as it was, for the tests after this one; Ctrl+C drops any answers the terminal
    // gave to queries among the bytes (they wait at the prompt as typed keys).
    await page.keyboard.press("Control+C");
    await page.keyboard.type("printf '\\033c'; echo reset-$((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(flat, { timeout: 30_000 }).toMatch(/^reset-42\[uid/);
  });

  it("binary output that switches to DEC's line drawing leaves the letters after it letters", async () => {
    // ESC ( 0 among random bytes drew the text after it (the prompt too, until `reset`) as line
    // drawing and symbols, most of them looked up in other fonts one by one: seconds of frozen page.
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.type("printf '\\377\\033(0'; echo after-$((6*7))");
    await page.keyboard.press("Enter");
    const flat = async () => (await terminalText(page)).replace(/\s/g, "");
    await expect.poll(flat, { timeout: 30_000 }).toMatch(/\(0after-42\[uid/);
    // Back to ASCII whichever way it went, for the tests after this one.
    await page.keyboard.type("printf '\\033(B'; echo ascii-$((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(flat, { timeout: 30_000 }).toMatch(/ascii-42\[uid/);
  });

  it("a hyperlink the guest writes (OSC 8) leads nowhere when clicked: no dialog, no other site", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const popups: string[] = [];
    page.on("popup", (popup) => popups.push(popup.url()));
    const osc8 = (uri: string) => `\\033]8;;${uri}\\033\\\\`;
    await typeCommand(
      page,
      `printf '${osc8("https://example.com/x")}LINK-HERE${osc8("")}\\n'`,
      /LINK-HERE\s*\[uid/,
    );
    // The middle of the link's text on screen, as the guest's output row has it (not the command's).
    const at = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll(".terminal-rows > *"));
      const row = rows.reverse().find((r) => r.textContent?.trim().startsWith("LINK-HERE"));
      const walker = row && document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
        const from = node.textContent?.indexOf("LINK-HERE") ?? -1;
        if (from < 0) continue;
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + "LINK-HERE".length);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      return undefined;
    });
    if (!at) throw new Error("the link's text is not on screen");
    await page.mouse.move(at.x, at.y);
    await page.mouse.move(at.x + 2, at.y);
    await page.mouse.click(at.x + 2, at.y);
    // xterm's own handler asks with confirm() at once; nothing may come.
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(popups).toEqual([]);
  });

  it("the guest cannot change the terminal's colours (OSC 4, 10, 11, 12), which could hide its text", async () => {
    const colours = () =>
      page.evaluate(() => {
        const rows = document.querySelector(".xterm-rows");
        if (!rows) throw new Error("no xterm rows");
        const probe = document.createElement("span");
        probe.className = "xterm-fg-1";
        rows.append(probe);
        const text = getComputedStyle(rows).color;
        const red = getComputedStyle(probe).color;
        probe.remove();
        // The background xterm paints (inline, on its scrolling element).
        const backs = Array.from(
          document.querySelectorAll<HTMLElement>(".xterm *"),
          (e) => e.style.backgroundColor,
        );
        return { text, red, back: backs.filter(Boolean).join() };
      });
    const before = await colours();
    const osc = (body: string) => `\\033]${body}\\007`;
    await typeCommand(
      page,
      `printf '${osc("10;#123456")}${osc("11;#123456")}${osc("12;#123456")}${osc("4;1;#123456")}colours-%s\\n' $((6*7))`,
      /colours-42\s*\[uid/,
    );
    expect(await colours()).toEqual(before);
    // A question mixed with a change is still answered (colour 1's, not 2's), the change dropped: the
    // answer comes back as input, read here raw with a second's timeout.
    const reply = await typeCommand(
      page,
      `stty -icanon -echo min 0 time 10; printf '${osc("4;2;#123456;1;?")}'; head -c 64 | od -An -c | tr -d ' \\n'; echo; stty sane`,
      /stty sane[^]*\[uid \d+\] ~ [$#]/,
    );
    const answer = reply.split("stty sane").slice(1).join("");
    expect(answer).toMatch(/]4;1;rgb:[0-9a-f]{4}\/[0-9a-f]{4}\/[0-9a-f]{4}/);
    expect(answer).not.toMatch(/]4;2;/);
    expect(await colours()).toEqual(before);
  });

  it("fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot("phone.png");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
