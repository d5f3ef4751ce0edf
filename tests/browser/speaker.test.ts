// A speaker's screen: a projector's 1024 × 768 with big fonts, where the panels go under the terminal.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typeCommand } from "./browser";

const lab = siteAndBrowser();

describe("on a 1024×768 projector with a speaker's font", () => {
  it("the process table fits its panel, badges and all: no sideways scrolling", async () => {
    const p = await openSettledLab(lab, { width: 1024, height: 768 }, "?font=24");
    await typeCommand(p, "setexe --via map /usr/sbin/sshd", /holder: pid/);
    await p.getByText("running from memory").first().waitFor({ timeout: 10_000 });
    const fit = await p.evaluate(() => {
      const table = document.querySelector("table");
      return table?.parentElement ? table.scrollWidth - table.parentElement.clientWidth : NaN;
    });
    expect(fit).toBeLessThanOrEqual(0);
    await p.close();
  });

  it("at the biggest font the terminal takes the width, the panels under it: a command and its result fit", async () => {
    const p = await openSettledLab(lab, { width: 1024, height: 768 }, "?font=32");
    const text = await typeCommand(p, "stty size", /stty size\s*\d+\s\d+/);
    const [rows, cols] = (/stty size\s*(\d+)\s(\d+)/.exec(text) ?? []).slice(1).map(Number);
    // Beside the panels it had 28 columns; a setexe result wrapped past the screen's 15 rows.
    expect(cols).toBeGreaterThanOrEqual(50);
    expect(rows).toBeGreaterThanOrEqual(14);
    const [terminal, panels] = await Promise.all(
      ["#terminal", "#panels"].map((s) =>
        p.evaluate((sel) => document.querySelector(sel)?.getBoundingClientRect().toJSON() as DOMRect, s),
      ),
    );
    expect(panels.top).toBeGreaterThanOrEqual(terminal.bottom);
    await p.close();
  });
});

describe("with the panels under the terminal, out of sight", () => {
  it("a new result shows its verdict at the window's foot, and a click brings the card into view", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 720 }, "?font=28");
    const card = p.getByTestId("attempt-card");
    const cardTop = () => card.evaluate((el) => el.getBoundingClientRect().top);
    // At the window's very foot: its heading and verdict out of sight.
    expect(await cardTop()).toBeGreaterThan(700);
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    const beacon = p.getByTestId("result-beacon");
    await beacon.waitFor({ timeout: 10_000 });
    const verdict = await p.getByTestId("attempt-result").innerText();
    expect(await beacon.innerText()).toMatch(new RegExp(`^${verdict}\\s+What just happened: below`));
    await beacon.click();
    expect(await cardTop()).toBeGreaterThanOrEqual(0);
    expect(await cardTop()).toBeLessThan(720 / 2);
    await beacon.waitFor({ state: "detached" });
    // The keyboard went with it to the card, not to <body>.
    expect(await card.evaluate((el) => el === document.activeElement)).toBe(true);
    await p.close();
  });

  it("shows when A+ puts the panels under the terminal, the card the speaker was reading with them", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 720 }, "?font=22");
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    await p.getByTestId("attempt-result").waitFor({ timeout: 10_000 });
    // Beside the terminal, the card in sight: nothing to point at.
    expect(await p.getByTestId("result-beacon").count()).toBe(0);
    const stacked = () =>
      p.evaluate(() => {
        const [t, c] = ["#terminal", "#panels"].map((q) =>
          document.querySelector(q)?.getBoundingClientRect(),
        );
        return !!t && !!c && c.top >= t.bottom;
      });
    while (!(await stacked())) await p.getByRole("button", { name: /^A\+/ }).click();
    const beacon = p.getByTestId("result-beacon");
    await beacon.waitFor({ timeout: 10_000 });
    expect(await beacon.innerText()).toMatch(/^EPERM\s+What just happened: below/);
    await p.close();
  });

  it("at the window's foot it leaves the terminal's hint readable: the hint's words wrap short of it", async () => {
    const p = await openSettledLab(lab, { width: 1024, height: 768 }, "?font=22");
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    await p.getByTestId("result-beacon").waitFor({ timeout: 10_000 });
    const overHint = () =>
      p.evaluate(() => {
        const button = document.querySelector("[data-testid=result-beacon]")?.getBoundingClientRect();
        const hint = document.getElementById("terminal-hint");
        if (!button || !hint) return "no button or no hint";
        const words = document.createRange();
        words.selectNodeContents(hint);
        const under = [...words.getClientRects()].filter(
          (r) =>
            r.width > 0 &&
            r.right > button.left &&
            r.left < button.right &&
            r.bottom > button.top &&
            r.top < button.bottom,
        );
        // The hint lies in the button's band (the case in hand), and none of its text under the button.
        const inBand = hint.getBoundingClientRect().bottom > button.top;
        return { inBand, under: under.length };
      });
    await expect.poll(overHint).toEqual({ inBand: true, under: 0 });
    // Gone, the hint has its width back.
    await p.getByTestId("result-beacon").click();
    await p.getByTestId("result-beacon").waitFor({ state: "detached" });
    expect(await p.locator("#terminal-hint").evaluate((el) => el.style.paddingRight)).toBe("");
    await p.close();
  });

  it("goes once the era is switched: the answer it shows was the old rules'", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 720 }, "?font=28&era=2017");
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    const beacon = p.getByTestId("result-beacon");
    await beacon.waitFor({ timeout: 10_000 });
    await p.locator("#era-select").selectOption("2020");
    await beacon.waitFor({ state: "detached", timeout: 10_000 });
    // The card says why, where the speaker scrolls to it.
    await p.getByTestId("earlier-rules").waitFor();
    await p.close();
  });

  it("in a short window (200% zoom) it stays off the line being typed and off the header's controls", async () => {
    const p = await openSettledLab(lab, { width: 640, height: 400 });
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    await p.getByTestId("result-beacon").waitFor({ timeout: 10_000 });
    await typeCommand(p, "ls /", /\bsbin\b/);
    await p.keyboard.type("echo typing-here");
    const box = (selector: string) =>
      p.evaluate((q) => document.querySelector(q)?.getBoundingClientRect().toJSON() as DOMRect, selector);
    await expect
      .poll(async () => {
        const [cursor, beacon] = await Promise.all([
          box("#terminal .terminal-input"),
          box("[data-testid=result-beacon]"),
        ]);
        // The prompt is the last line, at the window's foot: the button must not be over it.
        return cursor.bottom > 400 - 64 && (beacon.bottom <= cursor.top || beacon.top >= cursor.bottom);
      })
      .toBe(true);
    // Nor over the header's controls: a click meant for the era select or A+ reaches it.
    for (const control of ["#era-select", "[aria-label^='A+']", "[aria-label^='A−']", "a[href='#about']"]) {
      const reached = await p.evaluate((q) => {
        const el = document.querySelector(q);
        const r = el?.getBoundingClientRect();
        return !!el && !!r && el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      }, control);
      expect(reached, control).toBe(true);
    }
    await p.close();
  });

  it("at 400% zoom (320 × 256) it is the verdict and an arrow, one line, its words for screen readers", async () => {
    const p = await openSettledLab(lab, { width: 320, height: 256 });
    // Typed blind: the terminal's few rows scroll past setexe's lines before a test could read them.
    await p.locator(".terminal-input").first().focus();
    await p.keyboard.type("setexe /usr/sbin/sshd");
    await p.keyboard.press("Enter");
    const beacon = p.getByTestId("result-beacon");
    await beacon.waitFor({ timeout: 10_000 });
    // Its words wrapped to three lines, 307 × 106 px: 40 % of the window, over the newest output.
    const size = await beacon.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(size.height).toBeLessThanOrEqual(40);
    expect(size.width).toBeLessThanOrEqual(140);
    // The words are there for screen readers only (clipped to a pixel), the verdict and arrow drawn.
    const drawn = await beacon.evaluate((el) =>
      [...el.querySelectorAll("span")]
        .filter((s) => s.children.length === 0 && s.getBoundingClientRect().width > 1)
        .map((s) => s.textContent?.trim()),
    );
    expect(drawn).toEqual(["EPERM", "↓"]);
    expect(await p.getByRole("button", { name: /^EPERM What just happened: below/ }).count()).toBe(1);
    await p.close();
  });

  it("beside the panels, where the card is in sight, nothing more is shown", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 800 });
    await typeCommand(p, "setexe /usr/sbin/sshd", /holder: pid/);
    await p.getByTestId("attempt-result").waitFor({ timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await p.getByTestId("result-beacon").count()).toBe(0);
    await p.close();
  });
});

describe("from the card's advice to the identity switches", () => {
  type LabPage = Awaited<ReturnType<typeof openSettledLab>>;
  /** Whether the panel's control `name` has the keyboard, and it and Apply are wholly in the window. */
  const ready = (p: LabPage, name: string) =>
    p.evaluate((control) => {
      const inView = (el: Element | null) => {
        const r = el?.getBoundingClientRect();
        return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
      };
      const target = document.querySelector(`#identity-panel [data-control="${control}"]`);
      const apply = document.querySelector('#identity-panel [data-control="apply"]');
      return { focused: target === document.activeElement, target: inView(target), apply: inView(apply) };
    }, name);

  for (const [where, search, command, control] of [
    [
      "beside the terminal, on a 1280 × 720 screen (2020, MAP)",
      "",
      "setexe /usr/sbin/sshd",
      "cap_checkpoint_restore",
    ],
    [
      "under the terminal, at a speaker's font (2012, EXE_FILE)",
      "?font=28&era=2012",
      "setexe --via file /usr/sbin/sshd",
      "cap_sys_resource",
    ],
    ["beside the terminal in 2014: root", "?era=2014", "setexe /usr/sbin/sshd", "root"],
  ] as const)
    it(`${where}: a button brings the control the advice names into view, with Apply if both fit, the keyboard on it`, async () => {
      const p = await openSettledLab(lab, { width: 1280, height: 720 }, search);
      await typeCommand(p, command, /holder: pid/);
      await p.getByTestId("result-beacon").or(p.getByTestId("attempt-result")).first().waitFor();
      if (search.includes("font")) await p.getByTestId("result-beacon").click();
      // Below the fold: the card, and its button, fill the window first.
      expect(await ready(p, control)).toMatchObject({ target: false, apply: false });
      await p.getByRole("button", { name: "To the identity switches" }).click();
      // Root's radio sits a panel's height above Apply, more than 720 px: the radio then, at the top.
      await expect
        .poll(() => ready(p, control))
        .toMatchObject(
          control === "root" ? { focused: true, target: true } : { focused: true, target: true, apply: true },
        );
      await p.close();
    });

  it("not for a process with an identity of its own, whose way starts from the shell, nor in 2012 for MAP", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 800 });
    await typeCommand(p, "unshare -U setexe /usr/sbin/sshd", /holder: pid/);
    await p.getByTestId("other-identity").waitFor({ timeout: 10_000 });
    expect(await p.getByRole("button", { name: "To the identity switches" }).count()).toBe(0);
    await p.close();
    const q = await openSettledLab(lab, { width: 1280, height: 800 }, "?era=2012");
    await typeCommand(q, "setexe /usr/sbin/sshd", /holder: pid/);
    await q.getByTestId("would-pass").waitFor({ timeout: 10_000 });
    expect(await q.getByRole("button", { name: "To the identity switches" }).count()).toBe(0);
    await q.close();
  });
});

/**
 * CAP_CHECKPOINT_RESTORE switched on and applied, then ↑ at the new shell's first prompt; gives the
 * terminal's text since the new shell's note.
 */
async function applyAndPressUp(p: Page): Promise<() => Promise<string>> {
  await p.getByRole("switch", { name: "CAP_CHECKPOINT_RESTORE", exact: true }).click();
  await p.getByRole("button", { name: "Apply identity" }).click();
  const newShell = async () => (await terminalText(p)).split("new shell:").slice(1).join("");
  await expect.poll(newShell, { timeout: 30_000 }).toMatch(/\[uid 1000\] ~ \$ *$/);
  await p.locator(".terminal-input").first().focus();
  await p.keyboard.press("ArrowUp");
  return newShell;
}

describe("the same command under a new identity", () => {
  it("after Apply, ↑ brings back the command the old shell ran last, and Enter runs it in the new one", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 720 });
    await typeCommand(p, "setexe /usr/sbin/sshd", /sshd: EPERM/);
    // ↑ and Enter in the terminal, as a speaker runs it again.
    const newShell = await applyAndPressUp(p);
    await expect.poll(newShell, { timeout: 10_000 }).toMatch(/\$ setexe \/usr\/sbin\/sshd *$/);
    await p.keyboard.press("Enter");
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/sshd: OK/);
    await p.close();
  });

  it("a line completed with Tab and entered at once is brought back whole, as the shell ran it", async () => {
    const p = await openSettledLab(lab, { width: 1280, height: 720 });
    await p.locator(".terminal-input").first().focus();
    // At a machine's pace: the line read as Enter went lacked Tab's completion ("/usr/sbin/ss").
    await p.keyboard.type("setexe /usr/sbin/ss");
    await p.keyboard.press("Tab");
    await p.keyboard.press("Enter");
    await expect.poll(() => terminalText(p), { timeout: 30_000 }).toMatch(/sshd: EPERM/);
    const newShell = await applyAndPressUp(p);
    await expect.poll(newShell, { timeout: 10_000 }).toMatch(/\$ setexe \/usr\/sbin\/sshd *$/);
    await p.close();
  });
});

describe("Apply, under a speaker's full-width terminal", () => {
  it("brings the terminal back into view with the header above it, where both fit", async () => {
    const p = await openSettledLab(lab, { width: 1024, height: 768 }, "?font=24");
    const apply = p.getByRole("button", { name: "Apply identity" });
    await p.getByRole("switch", { name: "CAP_SYS_ADMIN", exact: true }).click();
    await apply.scrollIntoViewIfNeeded();
    await apply.click();
    await expect.poll(() => terminalText(p), { timeout: 30_000 }).toMatch(/new shell:[^]*\$ *$/);
    const inView = (selector: string) =>
      p.evaluate((q) => {
        const r = document.querySelector(q)?.getBoundingClientRect();
        return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
      }, selector);
    // The keyboard went back to the terminal, wholly in the window; the era select and A+ with it
    // (it had put the terminal's top at the window's, the header scrolled away).
    await expect.poll(() => inView("#terminal")).toBe(true);
    expect(
      await p.evaluate(() => document.querySelector("#terminal")?.contains(document.activeElement)),
    ).toBe(true);
    expect(await inView("#era-select")).toBe(true);
    expect(await inView("[aria-label^='A+']")).toBe(true);
    await p.close();
  });
});
