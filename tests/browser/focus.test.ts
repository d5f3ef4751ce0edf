// Actions that restart the shell or switch the kernel's rules leave the keyboard in the terminal,
// not on <body> (where a control that went disabled under it would drop it, and the next keys).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText } from "./browser";

const lab = siteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 800 });
});

/** Types without focusing anything first: the keys go wherever the page left the keyboard. */
async function typeWhereFocused(command: string, expected: RegExp): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await expect.poll(async () => expected.test(await terminalText(page)), { timeout: 30_000 }).toBe(true);
}

describe("after an action", () => {
  it("Apply identity hands the keyboard to the new shell, keys typed at once included", async () => {
    await page.getByLabel("root (uid 0)", { exact: true }).check();
    await page.getByRole("button", { name: "Apply identity" }).click();
    // No pause: these keys arrive while the shell is being replaced, and must all reach the new one.
    await typeWhereFocused("echo uid-$(id -u)-x", /uid-0-x/);
    expect(await terminalText(page)).not.toMatch(/not found/);
  });

  it("Shift+Tab leaves the terminal backwards, to the toolbar, from where Shift+Tab goes on", async () => {
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.press("Shift+Tab");
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(await focused()).toBe("About");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
    // Tab goes forward into the terminal again, where it is the shell's.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("terminal-input"))).toBe(
      true,
    );
  });

  it("Enter on a capability switch or a user radio flips it, and does not restart the shell", async () => {
    const shells = async () => (await terminalText(page)).split("---- new shell").length;
    const before = await shells();
    const sysAdmin = page.getByRole("switch", { name: /CAP_SYS_ADMIN/ });
    const was = await sysAdmin.isChecked();
    await sysAdmin.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => sysAdmin.isChecked()).toBe(!was);
    await page.keyboard.press("Enter");
    await expect.poll(() => sysAdmin.isChecked()).toBe(was);
    const uid1000 = page.getByLabel("uid 1000", { exact: true });
    const uid1000Was = await uid1000.isChecked();
    await page.getByLabel(uid1000Was ? "root (uid 0)" : "uid 1000", { exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => uid1000.isChecked()).toBe(!uid1000Was);
    // The form was not submitted: no new shell, and the keyboard is still on the radio.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await shells()).toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("radio");
    // As it was, for the tests after this one: the form as applied, the keyboard in the terminal.
    await page.getByLabel(uid1000Was ? "uid 1000" : "root (uid 0)", { exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => uid1000.isChecked()).toBe(uid1000Was);
    await page.locator(".terminal-input").first().focus();
  });

  it("Apply identity over a running program asks first: it keeps running unless told otherwise", async () => {
    // cat in the foreground stands for an editor with unsaved text: the new shell would end it.
    await typeWhereFocused("cat", /[$#] cat\n/);
    // Once the guest has reported it (it does within about two seconds): the page goes by that.
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Apply identity" }).click();
    const warning = page.getByTestId("apply-warning");
    await expect.poll(() => warning.innerText(), { timeout: 30_000 }).toMatch(/cat \(pid \d+\) runs/);
    // The safe choice has the keyboard: Enter keeps it.
    await page.keyboard.press("Enter");
    await expect.poll(() => warning.count()).toBe(0);
    // Back on Apply, not dropped to <body> with the button that went.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Apply identity");
    await page.locator(".terminal-input").first().focus();
    await typeWhereFocused("still-reading", /still-reading\nstill-reading/);
    await page.getByRole("button", { name: "Apply identity" }).click();
    await page.getByRole("button", { name: "Apply anyway" }).click();
    const newShell = async () => (await terminalText(page)).split("still-reading").slice(-1)[0];
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/new shell: uid 0[^]*\[uid 0\] ~ # *$/);
    // The keyboard is the new shell's, and cat is gone.
    await typeWhereFocused("pidof cat || echo no-cat", /\nno-cat\n/);
  });

  it("Apply identity keeps a half-typed line, wrapped over rows, for the new shell", async () => {
    // A comment makes the line long enough to wrap at any width, and keeps the output short.
    const filler = "z".repeat(220);
    const zs = (text: string) => text.replace(/\s/g, "").split("z").length - 1;
    await page.keyboard.type(`echo kept-$((40+2)) #${filler}`);
    await expect.poll(async () => zs(await terminalText(page)), { timeout: 10_000 }).toBe(220);
    await page.getByLabel("uid 1000", { exact: true }).check();
    await page.getByRole("button", { name: "Apply identity" }).click();
    const newShell = async () => (await terminalText(page)).split("new shell: uid 1000").slice(1).join("");
    await expect.poll(async () => zs(await newShell()), { timeout: 30_000 }).toBe(220);
    await page.keyboard.press("Enter");
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/\nkept-42\n/);
  });

  it("Apply identity puts back the terminal modes a program left: character set, mouse reports", async () => {
    // As `cat` of a binary file may: line-drawing characters for letters, and clicks reported as keys.
    await typeWhereFocused("printf 'modes-on\\033[?1000h\\033(0'", /modes-on/);
    await page.getByRole("button", { name: "Apply identity" }).click();
    const newShell = async () => (await terminalText(page)).split("modes-on").slice(1).join("");
    // The new shell's prompt in letters, not in line-drawing characters.
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/\[uid \d+\] ~ [$#] *$/);
    // A click is no key for the shell: what is typed after it runs as typed.
    await page.locator(".xterm-screen").click();
    await typeWhereFocused("echo click-$((6*7))", /\nclick-42\n/);
    expect(await newShell()).not.toMatch(/not found/);
  });

  it("the font buttons keep the keyboard at their limits", async () => {
    const larger = page.getByRole("button", { name: "Larger terminal font" });
    await larger.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("Enter");
    expect(await larger.getAttribute("aria-disabled")).toBe("true");
    expect(await larger.evaluate((el) => el === document.activeElement)).toBe(true);
    const smaller = page.getByRole("button", { name: "Smaller terminal font" });
    await smaller.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("Enter");
    expect(await smaller.evaluate((el) => el === document.activeElement)).toBe(true);
    // Back to the default size for the tests after this one.
    await page.getByRole("button", { name: "Larger terminal font" }).focus();
    const size = async () =>
      Number((await page.locator('[title="Terminal font size"]').innerText()).replace(/\D/g, ""));
    while ((await size()) < 15) await page.keyboard.press("Enter");
  });

  it("a timeline era button, pressed with the keyboard, does too", async () => {
    const button = page.getByTestId("era-2014");
    await button.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByLabel("Kernel rules").inputValue(), { timeout: 30_000 }).toBe("2014");
    await expect
      .poll(
        () => page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await typeWhereFocused("echo era-$(cat /proc/sys/kernel/exe_link_era)-x", /era-2014-x/);
  });

  it("the header's era select keeps the keyboard while the kernel switches", async () => {
    const select = page.getByLabel("Kernel rules");
    await select.focus();
    await select.selectOption("2017");
    // Never dropped to <body> on the way: checked as the switch runs and after it.
    for (let i = 0; i < 5; i++) {
      expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.waitForTimeout(50);
    }
    await expect.poll(() => select.inputValue(), { timeout: 30_000 }).toBe("2017");
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("arrow keys on the era select switch once, to where they stop; Esc keeps the running era", async () => {
    const select = page.getByLabel("Kernel rules");
    const notes = async () => (await terminalText(page)).split("the kernel now follows the").length - 1;
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    const before = await notes();
    await select.focus();
    // 2017 → 2016 → 2014 → 2012: each key changed the value, and each change switched the kernel.
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
    expect(await page.getByText("Enter: switch now · Esc: keep 2017").isVisible()).toBe(true);
    await expect.poll(() => select.inputValue()).toBe("2012");
    await page.waitForTimeout(300);
    expect(await notes()).toBe(before);
    await expect.poll(notes, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    await page.waitForTimeout(1500);
    expect(await notes()).toBe(before + 1);
    expect(await terminalText(page)).toMatch(/the kernel now follows the 2012 rules/);
    // Held, then dropped: nothing switches.
    await page.keyboard.press("ArrowDown");
    expect(await select.inputValue()).toBe("2014");
    await page.keyboard.press("Escape");
    expect(await select.inputValue()).toBe("2012");
    await page.waitForTimeout(2000);
    expect(await notes()).toBe(before + 1);
    // Enter acts at once, with no pause.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(notes, { timeout: 30_000 }).toBe(before + 2);
    await expect.poll(() => select.inputValue()).toBe("2014");
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe("typing meant for the terminal, after the keyboard was left elsewhere", () => {
  const size = async () =>
    Number((await page.locator('[title="Terminal font size"]').innerText()).replace(/\D/g, ""));

  it("a font button clicked with the mouse hands the keyboard back: the next command runs", async () => {
    const before = await size();
    await page.getByRole("button", { name: "Larger terminal font" }).click();
    // Each space would have pressed A+ again, and Enter too.
    await typeWhereFocused("echo after click", /after click/);
    expect(await size()).toBe(before + 1);
    await page.getByRole("button", { name: "Smaller terminal font" }).click();
    expect(await size()).toBe(before);
  });

  it("a font button clicked with the mouse hands the keyboard back at once: ↑ and Enter run the last command again", async () => {
    await typeWhereFocused("echo again-$((20+1))", /again-21/);
    const before = await size();
    await page.getByRole("button", { name: "A− smaller terminal font", exact: true }).click();
    // A button would take Enter as another press; ↑ would have gone nowhere.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await terminalText(page)).split("again-21").length - 1, { timeout: 30_000 })
      .toBe(2);
    expect(await size()).toBeLessThan(before);
    await page.getByRole("button", { name: "A+ larger terminal font", exact: true }).click();
    expect(await size()).toBe(before);
  });

  it("a font button tapped on a touch screen keeps the keyboard off the terminal (no on-screen keyboard)", async () => {
    const phone = await lab.browser.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await phone.goto(lab.site.url);
    await phone.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const larger = phone.getByRole("button", { name: "A+ larger terminal font", exact: true });
    const before = await larger.evaluate(
      () => document.querySelector('[title="Terminal font size"]')?.textContent,
    );
    await larger.tap();
    await expect
      .poll(() => phone.evaluate(() => document.querySelector('[title="Terminal font size"]')?.textContent))
      .not.toBe(before);
    expect(
      await phone.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(false);
    await phone.close();
  });

  it("a capital typed first after a click (Shift, then the letter) goes to the terminal too", async () => {
    await page.getByRole("button", { name: "Larger terminal font" }).click();
    // As a keyboard does it: Shift goes down first, alone.
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyX");
    await page.keyboard.up("Shift");
    await typeWhereFocused("=capital; echo $X", /\ncapital/);
    await page.getByRole("button", { name: "Smaller terminal font" }).click();
  });

  it("after an era picked with the mouse in the header's select, typing goes to the terminal", async () => {
    const select = page.getByLabel("Kernel rules");
    // As a mouse opens it: pointer down, the keyboard's focus on it (the native list's choice itself
    // reaches the page as the change alone).
    await select.dispatchEvent("pointerdown");
    await select.focus();
    await select.selectOption("2016");
    // At once: ↑ on the select would pick another era.
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    // Each character would have gone to the select: Space opens its list, a digit picks an era.
    await typeWhereFocused("echo 2012 era-$(cat /proc/sys/kernel/exe_link_era)", /\n2012 era-2016/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await terminalText(page)).split("2012 era-2016").length - 1, { timeout: 30_000 })
      .toBe(2);
    expect(await select.inputValue()).toBe("2016");
  });

  it("keys typed after clicking the card's text go to the terminal", async () => {
    await page.getByTestId("attempt-card").click({ position: { x: 5, y: 5 } });
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(false);
    await typeWhereFocused("echo from nowhere", /from nowhere/);
  });

  it("the keyboard moved out of the terminal with the keyboard stays out", async () => {
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    const inTerminal = () =>
      page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement));
    expect(await inTerminal()).toBe(false);
    await page.keyboard.type("jk");
    expect(await inTerminal()).toBe(false);
  });

  it("in vi, Esc Esc is vi's: the keyboard stays, and what follows reaches it", async () => {
    await page.locator(".terminal-input").first().focus();
    // The last test's first Escape reached the shell: keys that follow a lone Escape at once are
    // read with it as one key (Alt+key), as in any terminal. A person comes back later than that.
    await page.waitForTimeout(500);
    // vi's screen: its empty lines start with "~" (the typed command line has none).
    await typeWhereFocused("vi /tmp/esc-esc.txt", /\n~/);
    await page.keyboard.type("ihello-vi");
    // Out of habit, twice, quickly.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
    // As a person would, a moment later: an Escape followed at once by ":" is one key to vi (Alt+:).
    await page.waitForTimeout(300);
    await page.keyboard.type(":wq");
    await page.keyboard.press("Enter");
    await typeWhereFocused("cat /tmp/esc-esc.txt", /\nhello-vi/);
  });

  it("a control reached with the keyboard keeps its keys", async () => {
    // Named as shown first ("A+"), so that voice control finds it by what it says.
    const larger = page.getByRole("button", { name: "A+ larger terminal font", exact: true });
    await larger.focus();
    const sizes = [await size()];
    await page.keyboard.press(" ");
    sizes.push(await size());
    await page.keyboard.press("Enter");
    sizes.push(await size());
    // Two steps up (the sizes are not evenly spaced), the keyboard still on the button.
    expect(sizes[1]).toBeGreaterThan(sizes[0]);
    expect(sizes[2]).toBeGreaterThan(sizes[1]);
    expect(await larger.evaluate((el) => el === document.activeElement)).toBe(true);
    const smaller = page.getByRole("button", { name: "A− smaller terminal font", exact: true });
    await smaller.focus();
    await page.keyboard.press(" ");
    await page.keyboard.press(" ");
    expect(await size()).toBe(sizes[0]);
  });
});
