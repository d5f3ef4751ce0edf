// Long pastes and fast typing in Chromium: a paste cut to what the shell keeps, said to be cut; Ctrl+C
// stopping a pasted script; keys typed while the guest is still redrawing an edit not lost.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();
let page: Page;

// After siteAndBrowser's own beforeAll (hooks run in the order they were registered).
beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 720 });
});

describe("pasting and typing fast", () => {
  it("a pasted line longer than the shell takes is said to be cut, until the next line is typed", async () => {
    // The note's status region is always there, empty until it has something to say.
    const note = page.getByTestId("long-line").filter({ hasText: /longer than the shell takes/ });
    expect(await note.count()).toBe(0);
    // Empty, it is out of sight but in the accessibility tree, where display:none would not leave it.
    const region = page.getByTestId("long-line");
    expect(await region.evaluate((el) => getComputedStyle(el).display)).not.toBe("none");
    expect(await page.getByRole("status").and(region).count()).toBe(1);
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText(`echo ${"y".repeat(1100)} | wc -c`);
    await note.waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    // The shell ran what it kept (the echo, cut before the pipe): the note stays beside its output.
    await expect
      .poll(() => terminalText(page), { timeout: 30_000 })
      .toMatch(/y{20}\s*\n\[uid \d+\] ~ [$#] \s*$/);
    expect(await note.count()).toBe(1);
    await typeCommand(page, "echo next-$((6*7))", /next-42/);
    expect(await note.count()).toBe(0);
    // Typed key by key, the first key past a full line is dropped, and said to be.
    await page.keyboard.insertText(`echo ${"y".repeat(1017)}`);
    const ysAtPrompt = async () =>
      ((await terminalText(page)).split("$ ").at(-1) ?? "").split("y").length - 1;
    await expect.poll(ysAtPrompt, { timeout: 10_000 }).toBe(1017);
    expect(await note.count()).toBe(0);
    await page.keyboard.type("z");
    await note.waitFor({ timeout: 10_000 });
    await page.keyboard.press("Control+U");
  });

  it("a pasted 100 KB line reaches the guest cut to what the shell keeps, not whole", async () => {
    // Counted where the page hands keys to the emulator's worker: the guest's serial line.
    await page.evaluate(() => {
      const counted = window as unknown as { consoleBytes: number };
      counted.consoleBytes = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
        const m = message as { type?: string; bytes?: Uint8Array };
        if (m.type === "console" && m.bytes) counted.consoleBytes += m.bytes.length;
        post.call(this, message, ...rest);
      };
    });
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText(`echo ${"y".repeat(100_000)}`);
    await page
      .getByTestId("long-line")
      .filter({ hasText: /longer than the shell takes/ })
      .waitFor();
    await page.keyboard.press("Control+U");
    await typeCommand(page, "echo pasted-$((6*7))", /pasted-42/);
    const sent = await page.evaluate(() => (window as unknown as { consoleBytes: number }).consoleBytes);
    // The shell's 1,022 bytes, Ctrl+U and the command after it; a whole paste would be 100,005.
    expect(sent).toBeGreaterThan(1022);
    expect(sent).toBeLessThan(1100);
  });

  it("keys typed after Ctrl+U on a full line, before the guest has redrawn it, all reach the shell", async () => {
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText(`echo ${"y".repeat(1017)}`);
    const ysAtPrompt = async () =>
      ((await terminalText(page)).split("$ ").at(-1) ?? "").split("y").length - 1;
    await expect.poll(ysAtPrompt, { timeout: 10_000 }).toBe(1017);
    // A slow guest, made here: keys are held on their way to the emulator's worker, so the screen
    // still shows the full line while Ctrl+U and the command after it are typed.
    await page.evaluate(() => {
      const w = window as unknown as { holdKeys: boolean; held: [Worker, unknown][] };
      w.holdKeys = true;
      w.held = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
        if (w.holdKeys && (message as { type?: string }).type === "console") w.held.push([this, message]);
        else post.call(this, message, ...rest);
      };
    });
    await page.keyboard.press("Control+U");
    await page.keyboard.type("echo lag-$((6*7))");
    await page.evaluate(() => {
      const w = window as unknown as { holdKeys: boolean; held: [Worker, unknown][] };
      w.holdKeys = false;
      for (const [worker, message] of w.held) worker.postMessage(message);
    });
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\nlag-42\s*\n/);
  });

  it("Ctrl+C after a long pasted script stops it at once, not once the whole script has run", async () => {
    await page.locator(".terminal-input").first().focus();
    // 150 lines of 20 ms each, which the shell reads one at a time: some 6 s of work.
    const script = Array.from({ length: 150 }, (_, i) => `usleep 20000; echo ${i} >> /tmp/p; echo p-${i}`);
    // Pasted as the browser pastes (xterm turns its line breaks into Enter).
    await page
      .locator(".terminal-input")
      .first()
      .evaluate(
        (input, text) => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          input.dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
          );
        },
        `rm -f /tmp/p\n${script.join("\n")}\n`,
      );
    await expect.poll(async () => /p-3\b/.test(await terminalText(page)), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press("Control+C");
    const text = await typeCommand(page, "echo ran=$(wc -l < /tmp/p)", /ran=\d+/);
    expect(Number(/ran=(\d+)/.exec(text)?.[1])).toBeLessThan(75);
  });
});
