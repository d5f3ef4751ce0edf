// The documentation page around an embed: it stays where its reader put it, except that what the
// keyboard moves to comes into the reader's view.
import { describe, expect, it } from "vitest";
import { siteAndBrowser, waitForXtermText } from "./browser";
import { openDocsPage } from "./docs-page";

const lab = siteAndBrowser();

describe("an embed on the keyboard", () => {
  it("Apply by keyboard, the terminal above the reader's window: the terminal comes into view", async () => {
    const { host, frame } = await openDocsPage(lab);
    await frame.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    // The panels in the reader's window, the terminal above it (a click leaves the page be: the test below).
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
    await waitForXtermText(frame, "applied-42");
    await host.close();
  });
});

describe("the documentation page around an embed stays where its reader put it", () => {
  it("a click in the terminal as it starts, then Apply with the terminal out of the window", async () => {
    const { host, frame } = await openDocsPage(lab);
    // Half the frame in the window, its top: the reader clicks the first screen at once.
    await host.evaluate(() => window.scrollTo(0, 1500 - 450));
    await frame.locator(".terminal-rows").first().waitFor();
    // Its first screen, 150 px into the frame (whose top is 450 px down the window).
    await host.mouse.click(200, 450 + 150);
    expect(await frame.evaluate(() => document.activeElement?.classList.contains("terminal-input"))).toBe(
      true,
    );
    const at = await host.evaluate(() => window.scrollY);
    await frame.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
    await frame.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    await host.waitForTimeout(500);
    expect(await host.evaluate(() => window.scrollY)).toBe(at);
    // The terminal above the window, the panels in it: a new identity applied with the mouse.
    await host.evaluate(() => window.scrollTo(0, 1500 + 330));
    const before = await host.evaluate(() => window.scrollY);
    await frame.getByRole("radio", { name: "root (uid 0)" }).click();
    await frame.getByRole("button", { name: "Apply identity" }).click();
    await frame.getByTestId("identity-actual").filter({ hasText: "uid 0" }).waitFor({ timeout: 30_000 });
    await host.waitForTimeout(300);
    expect(await host.evaluate(() => window.scrollY)).toBe(before);
    // The keyboard went to the terminal all the same: what is typed runs there.
    await host.keyboard.type("echo applied-$((40+2))\n");
    await waitForXtermText(frame, "applied-42");
    await host.close();
  });
});

describe("an embed out of the reader's window", () => {
  it("resized while out of the window, it fits once back, its last output at the foot of the view", async () => {
    // A frame of another origin is not laid out while out of the window: its own would be.
    const { host, frame } = await openDocsPage(lab, "?embed=1", true);
    await host.evaluate(() => window.scrollTo(0, 1500));
    await frame.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
    await frame.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    const rows = () => frame.evaluate(() => document.querySelectorAll(".xterm-rows > div").length);
    const tall = await rows();
    await frame.locator(".terminal-input").first().focus();
    await host.keyboard.type("seq 101 140\n");
    await frame.waitForFunction(() =>
      /^140$/m.test((document.querySelector(".xterm-rows") as HTMLElement | null)?.innerText ?? ""),
    );
    // Out of the window xterm pauses its drawing, and with it its renderer's resize, while its scroll
    // area took the new size at once: the view was pinned to the top of the history, the prompt
    // below out of sight. The terminal keeps its size until it is back in view.
    await host.evaluate(() => window.scrollTo(0, 0));
    await host.waitForTimeout(300);
    await host.evaluate(() => document.getElementById("f")?.setAttribute("height", "400"));
    await host.waitForTimeout(1000);
    expect(await rows()).toBe(tall);
    await host.evaluate(() => window.scrollTo(0, 1500));
    await expect.poll(rows, { timeout: 5000 }).toBeLessThan(tall);
    // The view at the foot: the prompt after the last number in sight, the guest told the new size.
    await frame.waitForFunction(() => {
      const shown = (document.querySelector(".xterm-rows") as HTMLElement | null)?.innerText ?? "";
      return /^140$/m.test(shown) && /\$ $/.test(shown.trimEnd() + " ");
    });
    await host.keyboard.type("stty size\n");
    const shown = await rows();
    await frame.waitForFunction(
      (n) =>
        new RegExp(`^${n} \\d+$`, "m").test(
          (document.querySelector(".xterm-rows") as HTMLElement | null)?.innerText ?? "",
        ),
      shown,
    );
    await host.close();
  });
});
