// When a restarted shell's prompt is up: only a prompt after the agent's banner counts.
import { describe, expect, it } from "vitest";
import { PromptWatch, firstPromptWatch } from "./shell-prompt";

const feed = (chunks: string[]) => {
  const watch = new PromptWatch();
  return chunks.map((c) => watch.push(c));
};

describe("PromptWatch", () => {
  it("ignores the old shell's prompt, before the banner", () => {
    expect(feed(["[uid 1000] ~ $ "])).toEqual([false]);
  });

  it("waits through the banner and the login's greeting for the new prompt", () => {
    expect(
      feed([
        "\r\n---- new shell: uid 0, all capabilities, initial user namespace ----\r\n",
        "exelab: who may change /proc/self/exe?  Try:\r\n  ls -l /proc/$$/exe\r\n",
        "[uid 0] ~ ",
        "# ",
      ]),
    ).toEqual([false, false, false, true]);
  });

  it("finds the banner after the agent's terminal reset, which ends in an erase below", () => {
    // The bytes as the guest writes them: the reset's "\r\n" (ONLCR adds none), "\e[J", the banner.
    const reset = "\u001b[?1047l\u001b[!p\u001b(B\u000f\r\r\n\u001b[J";
    expect(feed([`$ ${reset}---- new shell: uid 0 ----\r\n`, "[uid 0] ~ # \u001b[6n"])).toEqual([
      false,
      true,
    ]);
  });

  it("takes the cleared screen the page's first start asks for as the banner", () => {
    const reset = "\u001b[?1047l\u001b[!p\u001b(B\u000f\r\r\n\u001b[J";
    expect(
      feed([`[uid 1000] ~ $ ${reset}\u001b[H\u001b[2J\u001b[3J`, "welcome\r\n[uid 0] ~ # \u001b[6n"]),
    ).toEqual([false, true]);
  });

  it("finds a banner split across chunks", () => {
    expect(feed(["$ \r\n---- new ", "shell: uid 1000, no capabilities ----\r\n[uid 1000] ~ $ "])).toEqual([
      false,
      true,
    ]);
  });

  it("knows the prompt with the cursor-position question busybox asks after it", () => {
    expect(feed(["\r\n---- new shell: uid 0 ----\r\n[uid 0] ~ # \u001b[6n"])).toEqual([true]);
  });

  it("knows a prompt in a nested user namespace", () => {
    expect(feed(["\r\n---- new shell: uid 0 ----\r\n[uid 0 (userns)] /tmp # "])).toEqual([true]);
  });
});

describe("a cold boot's first shell (no banner)", () => {
  it("is up once its prompt shows, or its line editor asks where the cursor is", () => {
    const plain = new PromptWatch(false);
    expect(plain.push("[    0.1] kernel log\r\n")).toBe(false);
    expect(plain.push("[uid 1000] ~ $ ")).toBe(true);
    // The editor redrew the line after its question (a new window size): the question counts.
    expect(new PromptWatch(false).push("[uid 1000] ~ $ \u001b[6n\r[uid 1000] ~ $ \u001b[J")).toBe(true);
  });

  it("firstPromptWatch resolves on the prompt it is fed, or after its limit", async () => {
    const watch = firstPromptWatch(10_000);
    let up = false;
    void watch.prompt.then((seen) => (up = seen));
    watch.feed(new TextEncoder().encode("Linux version 6.1\r\n"));
    await Promise.resolve();
    expect(up).toBe(false);
    watch.feed(new TextEncoder().encode("[uid 1000] ~ $ "));
    expect(await watch.prompt).toBe(true);
    const never = firstPromptWatch(20);
    await expect(never.prompt).resolves.toBe(false);
  });
});
