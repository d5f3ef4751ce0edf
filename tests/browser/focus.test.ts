// Apply identity, which restarts the shell, leaves the keyboard in the terminal with the keys typed,
// not on <body> (where a control that went disabled under it would drop it, and the next keys).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openSettledLab, siteAndBrowser, terminalText, typedWhereFocused } from "./browser";

const lab = siteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await openSettledLab(lab, { width: 1280, height: 800 });
});

const typeWhereFocused = (command: string, expected: RegExp) => typedWhereFocused(page, command, expected);

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

  it("Apply identity with nothing changed keeps the shell and says so beside it, where the keyboard stays", async () => {
    const shells = async () => (await terminalText(page)).split("---- new shell").length;
    await typeWhereFocused("kept=still-$((6*7)); cd /tmp", /[$#] kept=still/);
    const before = await shells();
    const apply = page.getByRole("button", { name: "Apply identity" });
    await apply.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("nothing-to-apply").innerText()).toMatch(/Nothing to apply/);
    expect(await apply.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator(".terminal-input").first().focus();
    await typeWhereFocused("echo $kept-$PWD", /\nstill-42-\/tmp\n/);
    expect(await shells()).toBe(before);
    // A switch moved takes the note away: there is something to apply again (not applied here).
    const resource = page.getByRole("switch", { name: "CAP_SYS_RESOURCE", exact: true });
    await resource.click();
    expect(await page.getByTestId("nothing-to-apply").count()).toBe(0);
    await resource.click();
    await page.locator(".terminal-input").first().focus();
    await typeWhereFocused("cd", /[$#] cd\n/);
  });

  it("Apply identity gives a new shell where the shell became another program with exec", async () => {
    const shells = async () => (await terminalText(page)).split("---- new shell").length;
    const before = await shells();
    await typeWhereFocused("exec sleep 1000", /[$#] exec sleep 1000\n/);
    // Once the guest has reported it (within a couple of seconds), the panel says so.
    await page.locator("td", { hasText: /^sleep$/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("not-a-shell").innerText()).toMatch(/another program/);
    await page.getByRole("button", { name: "Apply identity" }).click();
    await expect.poll(shells, { timeout: 30_000 }).toBe(before + 1);
    expect(await page.getByTestId("nothing-to-apply").count()).toBe(0);
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/[$#] *$/);
    expect(await page.getByTestId("not-a-shell").count()).toBe(0);
    await page.locator(".terminal-input").first().focus();
  });

  it("Apply identity over a running program asks first: it keeps running unless told otherwise", async () => {
    // Something to apply (a capability more), or Apply would have nothing to restart the shell for.
    await page.getByRole("switch", { name: "CAP_SYS_RESOURCE", exact: true }).click();
    await page.locator(".terminal-input").first().focus();
    // cat in the foreground stands for an editor with unsaved text: the new shell would end it.
    await typeWhereFocused("cat", /[$#] cat\n/);
    // Once the guest has reported it (it does within about two seconds): the page goes by that.
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Apply identity" }).click();
    const warning = page.getByTestId("apply-warning");
    await expect.poll(() => warning.innerText(), { timeout: 30_000 }).toMatch(/cat \(pid \d+\) runs/);
    // Named by its message, said once with the button that has the keyboard (not an alert as well).
    expect(await page.getByRole("group", { name: /cat \(pid \d+\) runs in the terminal/ }).count()).toBe(1);
    expect(await warning.getAttribute("role")).toBe("group");
    // The safe choice has the keyboard: Enter keeps it.
    await page.keyboard.press("Enter");
    await expect.poll(() => warning.count()).toBe(0);
    // Back on Apply, not dropped to <body> with the button that went.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Apply identity");
    // Asked again, then the program ends (Ctrl+D): once the guest reports it, the warning goes.
    await page.getByRole("button", { name: "Apply identity" }).click();
    await warning.waitFor();
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.press("Control+D");
    await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(0);
    await typeWhereFocused("cat", /[$#] cat\s*$/);
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ timeout: 30_000 });
    await typeWhereFocused("still-reading", /still-reading\nstill-reading/);
    await page.getByRole("button", { name: "Apply identity" }).click();
    // With the keyboard: its keys are not sent home as a click's would be (keys-home.ts).
    await page.getByRole("button", { name: "Apply anyway" }).focus();
    await page.keyboard.press("Space");
    const newShell = async () => (await terminalText(page)).split("still-reading").slice(-1)[0];
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/new shell: uid 0[^]*\[uid 0\] ~ # *$/);
    // Not dropped to <body> with the warning's button, which went.
    expect(
      await page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement)),
    ).toBe(true);
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
    await page.getByLabel("root (uid 0)", { exact: true }).check();
    await page.getByRole("button", { name: "Apply identity" }).click();
    const newShell = async () => (await terminalText(page)).split("modes-on").slice(1).join("");
    // The new shell's prompt in letters, not in line-drawing characters.
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/\[uid \d+\] ~ [$#] *$/);
    // A click is no key for the shell: what is typed after it runs as typed.
    await page.locator(".xterm-screen").click();
    await typeWhereFocused("echo click-$((6*7))", /\nclick-42\n/);
    expect(await newShell()).not.toMatch(/not found/);
  });

  it("Apply identity carries only keys typed: not output the prompt was drawn over, nor a line like a prompt", async () => {
    // A row the screen could take for a line entered at a prompt, and one the next prompt is drawn
    // over, the rest of it standing right of the prompt as if typed there.
    const command = "printf '[uid 1000] ~ $ echo FAKE-%s\\nDownloading ... 100%%; echo INJECTED-%s\\r' 42 42";
    await typeWhereFocused(command, /INJECTED-42/);
    await page.getByLabel("uid 1000", { exact: true }).check();
    await page.getByRole("button", { name: "Apply identity" }).click();
    const newShell = async () => (await terminalText(page)).split("new shell: uid 1000").slice(-1)[0] ?? "";
    await expect.poll(newShell, { timeout: 30_000 }).toMatch(/\$ *$/);
    // Enter at the new prompt runs nothing; ↑ brings back the command typed last, as typed.
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await expect
      .poll(newShell, { timeout: 10_000 })
      .toMatch(/\$ printf '\[uid 1000\] ~ \$ echo FAKE-%s\\nDown/);
    await page.keyboard.press("Control+U");
    await typeWhereFocused("echo after-$((6*8))", /\nafter-48\n/);
    expect(await newShell()).not.toMatch(/INJECTED-42|FAKE-42|not found/);
  });
});
