// The about page in Chromium: the GPL's corresponding source served by the site itself, real versions,
// and the way back to the lab with the keyboard in the terminal and no history entry left behind.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, siteAndBrowser, terminalText, waitForPrompt } from "./browser";

const lab = siteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await lab.browser.newPage({ viewport: { width: 1280, height: 720 } });
});

const aboutHeading = () => page.getByRole("heading", { name: "About exelab" });

/** The lab is up: its prompt, the page around it, and no loading cover. */
async function labReady(): Promise<void> {
  await waitForPrompt(page);
  await page.waitForSelector("header");
  await page.getByTestId("loading-screen").waitFor({ state: "detached" });
}

/** Types at whatever has the keyboard (no click), and waits for the command's own output line. */
async function typeBlind(command: string, output: string): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => (await terminalText(page)).split("\n").map((l) => l.trimEnd()), { timeout: 30_000 })
    .toContain(output);
}

const keyboardInTerminal = () =>
  page.evaluate(() => document.getElementById("terminal")?.contains(document.activeElement) ?? false);

describe("the about page", () => {
  it("links the corresponding source, served by the site itself, and names real versions", async () => {
    for (const f of ["README.txt", "vm-images/kernel/exe-link-era.patch", "vm-images/guest/init"]) {
      expect(existsSync(join(ROOT, "dist/source", f)), f).toBe(true);
    }
    await page.goto(`${lab.site.url}#about`);
    await aboutHeading().waitFor();
    const hrefs = await page
      .locator("main[aria-labelledby=about-h] a[href]")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const own = hrefs.filter((h) => new URL(h).origin === new URL(lab.site.url).origin);
    const sources = own.filter((h) => new URL(h).pathname.startsWith("/source/"));
    expect(sources.map((h) => new URL(h).pathname)).toEqual(
      expect.arrayContaining([
        "/source/README.txt",
        "/source/vm-images/kernel/exe-link-era.patch",
        "/source/vm-images/kernel/config.fragment",
        "/source/vm-images/build-initramfs.sh",
        expect.stringMatching(/^\/source\/exelab-[\d.]+-source\.tar$/),
      ]),
    );
    for (const href of own) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      // Read in the browser, as text (the archive aside), not handed to a download.
      if (!href.endsWith(".tar") && new URL(href).pathname.startsWith("/source/"))
        expect(response.headers()["content-type"], href).toMatch(/^text\/plain/);
    }
    // A file with no extension too (the guest's init script).
    const init = await page.request.get(new URL("source/vm-images/guest/init", lab.site.url).href);
    expect(init.headers()["content-type"]).toMatch(/^text\/plain/);
    const readme = await (await page.request.get(new URL("source/README.txt", lab.site.url).href)).text();
    expect(readme).toMatch(/linux-source-6\.1 6\.1\.\d+/);
    expect(readme).toContain("npm run vm:build");

    const versions = await page
      .locator("main[aria-labelledby=about-h] tbody tr td:nth-child(3)")
      .allInnerTexts();
    expect(versions.length).toBeGreaterThan(5);
    expect(versions.filter((v) => !/\d/.test(v))).toEqual([]);
    const row = (name: string) => page.getByRole("row").filter({ hasText: name }).innerText();
    expect(await row("xterm.js")).toMatch(/\b6\.\d+\.\d+/);
    expect(await row("exelab (this app)")).toMatch(/\b0\.\d+\.\d+/);
    // Compiled into the guest's own tools (static binaries), so named with their licences.
    expect(await row("nolibc")).toMatch(/LGPL-2\.1 OR MIT.*6\.1\.\d+/s);
    expect(await row("libgcc")).toMatch(/Runtime Library Exception.*12\.\d/s);
    expect(await row("Tailwind CSS")).toMatch(/MIT.*\b4\.\d+\.\d+/s);
  });

  it("links every component's licence text, with its copyright notice, served as text by the site itself", async () => {
    await page.goto(`${lab.site.url}#about`);
    await aboutHeading().waitFor();
    const rows = await page.locator("main[aria-labelledby=about-h] tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector("th")?.textContent ?? "",
        links: Array.from(tr.querySelectorAll<HTMLAnchorElement>("td:nth-child(2) a[href]"), (a) => ({
          href: a.href,
          attribute: a.getAttribute("href") ?? "",
          target: a.target,
        })),
      })),
    );
    expect(rows.length).toBeGreaterThan(9);
    const origin = new URL(lab.site.url).origin;
    // The generic texts carry the licence's title; every other file is a component's own notice.
    const generic = /\/(L?GPL-[23]\.0|GCC-exception-3\.1)\.txt$/;
    for (const { name, links } of rows) {
      expect(links.length, name).toBeGreaterThan(0);
      for (const { href, attribute, target } of links) {
        // Relative, so that it works under any base path; in a new tab, so the guest keeps running.
        expect(attribute, href).toMatch(/^licenses\/[\w.-]+\.txt$/);
        expect(target, href).toBe("_blank");
        expect(new URL(href).origin, href).toBe(origin);
        const response = await page.request.get(href);
        expect(response.status(), href).toBe(200);
        expect(response.headers()["content-type"], href).toMatch(/^text\/plain; charset=utf-8$/);
        expect(await response.text(), href).toMatch(
          generic.test(href)
            ? /GNU GENERAL PUBLIC LICENSE|GNU LESSER GENERAL PUBLIC LICENSE|GCC RUNTIME LIBRARY EXCEPTION/
            : /Copyright/,
        );
      }
    }
    const files = (name: string) =>
      rows.find((r) => r.name.startsWith(name))?.links.map((l) => l.attribute.slice("licenses/".length));
    expect(files("Linux kernel")).toEqual(["GPL-2.0.txt"]);
    expect(files("BusyBox")).toEqual(["GPL-2.0.txt"]);
    // The LGPL-3.0 is permissions added to the GPL-3.0: both texts make the licence.
    expect(files("SeaBIOS")).toEqual(["LGPL-3.0.txt", "GPL-3.0.txt"]);
    expect(files("nolibc")).toEqual(["nolibc-MIT.txt"]);
    expect(files("libgcc")).toEqual(["GPL-3.0.txt", "GCC-exception-3.1.txt"]);
    expect(files("xterm.js")).toEqual(["xterm.txt", "xterm-addon-fit.txt"]);
    expect(files("React")).toEqual(["react.txt", "react-dom.txt", "scheduler.txt"]);
    expect(files("Tailwind CSS")).toEqual(["tailwindcss.txt"]);
    expect(files("exelab")).toEqual(["exelab.txt"]);
    const exelab = await (await page.request.get(new URL("licenses/exelab.txt", lab.site.url).href)).text();
    expect(exelab).toContain("Copyright (c) 2026, the exelab authors");
    expect(await page.locator("main[aria-labelledby=about-h]").innerText()).toContain(
      "The licence texts and copyright notices are linked from the Licence column",
    );
  });

  it("back to the lab by its link: the keyboard is in the terminal and history did not grow", async () => {
    await page.goto(lab.site.url);
    await labReady();
    const labTitle = await page.title();
    await page.getByRole("link", { name: "About", exact: true }).click();
    await aboutHeading().waitFor();
    expect(await page.title()).toBe(`About — ${labTitle}`);
    expect(await page.getByRole("main", { name: /about/i }).count()).toBe(1);
    const length = await page.evaluate(() => history.length);
    // At its top and at its foot, where Tab through the page ends: the last thing in the page.
    const back = page.getByRole("link", { name: "← Back to the lab" });
    expect(await back.count()).toBe(2);
    expect(
      await back.last().evaluate((link) => {
        const all = [...(link.closest("main")?.querySelectorAll("a[href], button") ?? [])];
        return all.at(-1) === link;
      }),
    ).toBe(true);
    await back.last().click();
    await aboutHeading().waitFor({ state: "detached" });
    expect(await page.evaluate(() => [location.hash, history.length])).toEqual(["", length]);
    expect(await page.title()).toBe(labTitle);
    expect(await keyboardInTerminal()).toBe(true);
    await typeBlind("echo back-ok", "back-ok");
  });

  it("back to the lab by the browser's Back: the keyboard is in the terminal", async () => {
    await page.getByRole("link", { name: "About", exact: true }).click();
    await aboutHeading().waitFor();
    await page.goBack();
    await aboutHeading().waitFor({ state: "detached" });
    expect(await keyboardInTerminal()).toBe(true);
    await typeBlind("echo back-$((40+2))", "back-42");
  });

  it("Back and Forward show the page of the entry, its address naming the era that runs (not the one it was left with)", async () => {
    await page.goto(lab.site.url);
    await labReady();
    const rules = page.getByRole("combobox", { name: /Kernel rules/ });
    await rules.selectOption("2014");
    await expect.poll(() => page.evaluate(() => location.search)).toBe("?era=2014");
    await page.getByRole("link", { name: "About", exact: true }).click();
    await aboutHeading().waitFor();
    await page.goBack();
    await aboutHeading().waitFor({ state: "detached" });
    await rules.selectOption("2017");
    await page.goForward();
    await aboutHeading().waitFor();
    await expect.poll(() => page.evaluate(() => location.search)).toBe("?era=2017");
    await page.goBack();
    await aboutHeading().waitFor({ state: "detached" });
    expect(await page.evaluate(() => location.search)).toBe("?era=2017");
  });

  it("opened directly, its link turns the same entry into the lab, query and all", async () => {
    await page.goto(`${lab.site.url}?theme=dark#about`);
    await aboutHeading().waitFor();
    const length = await page.evaluate(() => history.length);
    await page.getByRole("link", { name: "← Back to the lab" }).first().click();
    await aboutHeading().waitFor({ state: "detached" });
    expect(await page.evaluate(() => [location.search, location.hash, history.length])).toEqual([
      "?theme=dark",
      "",
      length,
    ]);
    await labReady();
    expect(await keyboardInTerminal()).toBe(true);
    await typeBlind("echo direct-ok", "direct-ok");
  });

  it("does not scroll sideways on a narrow screen, its licence table neither: each row a labelled block", async () => {
    const narrow = await lab.browser.newPage({ viewport: { width: 360, height: 640 } });
    await narrow.goto(`${lab.site.url}#about`);
    await narrow.getByRole("heading", { name: "About exelab" }).waitFor();
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Its source column was out of sight behind a scroll that nothing showed.
    const table = narrow.locator("table").first();
    expect(
      await table.evaluate((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? 0)),
    ).toBeLessThanOrEqual(0);
    // The licence's name is a link: its hidden words for screen readers are a line of innerText's.
    expect(await table.innerText()).toMatch(
      /Linux kernel \(patched\)\nLicence: GPL-2.0\n(\(opens in a new tab\)\n)?Version: 6\.1\.\d+/,
    );
    await narrow.close();
  });

  it("its licence table fits its box from tablet widths up: no column cut off behind a scroll", async () => {
    for (const width of [768, 1024, 1280]) {
      const page = await lab.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${lab.site.url}#about`);
      const table = page.getByRole("table");
      await table.waitFor();
      const cut = await table.evaluate((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? 0));
      expect(cut, `${width} px`).toBeLessThanOrEqual(0);
      await page.close();
    }
  });
});

describe("offline after the page has loaded (a speaker's venue network)", () => {
  it("the about page and an embed's folded timeline still show: their code came once the page was idle", async () => {
    const context = await lab.browser.newContext({ viewport: { width: 1000, height: 700 } });
    const p = await context.newPage();
    const chunks: string[] = [];
    p.on("requestfinished", (r) => chunks.push(r.url()));
    await p.goto(`${lab.site.url}?embed=1`);
    await waitForPrompt(p);
    await p.waitForSelector("header");
    // Fetched unasked once the guest is up and the page idle.
    await expect
      .poll(() => chunks.filter((u) => /\/(about-page|timeline)-[\w-]+\.js$/.test(u)).length, {
        timeout: 30_000,
      })
      .toBe(2);
    await context.setOffline(true);
    await p.getByRole("button", { name: /Show the kernel history timeline/ }).click();
    await p.getByTestId("era-2014").waitFor({ timeout: 10_000 });
    await p.getByRole("link", { name: "About" }).click();
    await p.getByRole("heading", { name: "About exelab" }).waitFor({ timeout: 10_000 });
    expect(await p.locator("body").innerText()).not.toMatch(/failed to show/);
    await context.close();
  });
});
