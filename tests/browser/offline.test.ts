// Leaving and coming back: a reload without network, and leaving while a program runs or files exist.
import { join } from "node:path";
import { preview } from "vite";
import { describe, expect, it } from "vitest";
import { openSettledLab, ROOT, siteAndBrowser, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("offline", () => {
  it("a reload without network brings the lab back, its setup and all, from the page's own cache", async () => {
    const page = await openSettledLab(lab, { width: 1280, height: 800 }, "?era=2014");
    // The about page says whether a reload would work offline: not yet, then ready.
    await page.getByRole("link", { name: "About" }).click();
    const status = page.getByTestId("offline-status");
    // Polled: the page shows "…" until its first ask of the browser has come back.
    await expect.poll(() => status.innerText()).toMatch(/Offline copy: (not made yet|being made)/);
    // The service worker takes over once the page has loaded everything (app/ui/offline-cache.ts).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await status.filter({ hasText: "Offline copy: ready. This page reloads without a network" }).waitFor();
    await page
      .getByRole("link", { name: /Back to the lab/ })
      .first()
      .click();
    await page.context().setOffline(true);
    await page.reload();
    await waitForPrompt(page);
    await page.waitForSelector("header");
    await typeCommand(page, "echo offline-$((40+2))", /offline-42/, 30_000);
    expect(await page.getByRole("combobox", { name: /Kernel rules/ }).inputValue()).toBe("2014");
    const labUrl = page.url();
    // A cold boot needs the kernel and BIOS, which the copy does not keep: said so, and the copy,
    // the only way to load the page now, is not offered to be dropped.
    await page.goto(new URL("?cold=1", labUrl).href);
    const banner = page.getByTestId("load-error");
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.innerText()).toMatch(
      /The offline copy keeps the saved state, not the kernel and BIOS that a cold boot downloads/,
    );
    expect(await page.getByRole("button", { name: "Reload without the offline copy" }).count()).toBe(0);
    // Another address of the site is not the lab's page (a source file the about page links to).
    await expect(page.goto(new URL("source/README.txt", labUrl).href)).rejects.toThrow();
    lab.takePageErrors();
    await page.context().close();
  });
});

describe("an embed's offline copy", () => {
  it("is not made: a documentation page's readers get no service worker, and the about page says where one is", async () => {
    const page = await openSettledLab(lab, { width: 1000, height: 700 }, "?embed=1");
    // Past the ten seconds after which the full lab asks for its copy.
    await page.waitForTimeout(12_000);
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined),
    ).toBe(true);
    await page.getByRole("link", { name: "About" }).click();
    await page
      .getByTestId("offline-status")
      .filter({ hasText: "Offline copy: none for an embed" })
      .waitFor({ timeout: 10_000 });
    await page.context().close();
  });
});

describe("a damaged offline copy", () => {
  it("of the emulator's worker or of the page's code offers a reload without it, which works", async () => {
    for (const [file, message] of [
      [/\/vm-worker-[\w-]+\.js/.source, /could not load the emulator \(its worker's code\)/],
      [/\/index-[\w-]+\.js$/.source, /exelab could not start/],
      [/\/app-root-[\w-]+\.js$/.source, /The page's controls could not load/],
    ] as const) {
      const page = await openSettledLab(lab, { width: 1280, height: 800 });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 30_000,
      });
      // A file of the copy damaged (a disk error, a cache written halfway): what every reload would get.
      const damaged = await page.evaluate(async (pattern) => {
        for (const key of await caches.keys()) {
          const cache = await caches.open(key);
          for (const request of await cache.keys()) {
            if (!new RegExp(pattern).test(new URL(request.url).pathname)) continue;
            const body = "throw new Error('damaged copy');";
            await cache.put(request, new Response(body, { headers: { "content-type": "text/javascript" } }));
            return request.url;
          }
        }
        return undefined;
      }, file);
      expect(damaged, file).toBeDefined();
      await page.reload();
      const alert = page.getByRole("alert").filter({ hasText: message });
      await alert.waitFor({ timeout: 60_000 });
      await page.getByRole("button", { name: "Reload without the offline copy" }).click();
      await waitForPrompt(page);
      await page.waitForSelector("header");
      await typeCommand(page, "echo mended-$((40+2))", /mended-42/, 60_000);
      expect(await page.evaluate(() => navigator.serviceWorker.controller), file).toBeNull();
      lab.takePageErrors();
      await page.context().close();
    }
  });
});

describe("offline, served as npm start serves it", () => {
  it("a reload after the server has stopped brings the lab back (its Vary: Origin ignored)", async () => {
    // Vite's preview server, over the site the harness built: it sends "Vary: Origin".
    const server = await preview({
      configFile: join(ROOT, "vite.config.ts"),
      logLevel: "silent",
      preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === "string") throw new Error("no preview server address");
    const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${address.port}/?era=2016`);
    await waitForPrompt(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // The network really gone: no server to answer, not an emulated offline.
    await server.close();
    await page.reload();
    await waitForPrompt(page);
    await page.waitForSelector("header");
    await typeCommand(page, "echo stopped-$((40+2))", /stopped-42/, 30_000);
    expect(await page.getByRole("combobox", { name: /Kernel rules/ }).inputValue()).toBe("2016");
    await page.close();
  });
});

/**
 * The settled lab, each dialog it opens noted in `asked` and dismissed (the learner stays): `reload`
 * asks the page to reload; `reloadUnasked` reloads it and waits for the prompt of the page reloaded.
 */
async function leavableLab(search = "") {
  const page = await openSettledLab(lab, { width: 1280, height: 800 }, search);
  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  const reload = () => page.evaluate(() => location.reload()).catch(() => undefined);
  const reloadUnasked = async () => {
    const navigated = page.waitForEvent("framenavigated");
    await reload();
    await navigated;
    await waitForPrompt(page);
  };
  return { page, asked, reload, reloadUnasked };
}

describe("leaving the page", () => {
  it("asks first while a program runs in the terminal (an editor's unsaved text), not at an idle prompt", async () => {
    const { page, asked, reload, reloadUnasked } = await leavableLab();
    await typeCommand(page, "cat", /[$#] cat/);
    // Once the guest has reported it (within about two seconds): the page goes by its process list.
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ timeout: 30_000 });
    await reload();
    await expect.poll(() => asked, { timeout: 5000 }).toEqual(["beforeunload"]);
    // Told to stay: the page stays, cat and all. At an idle prompt nothing is asked.
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.press("Control+d");
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ state: "detached", timeout: 30_000 });
    await reloadUnasked();
    expect(asked).toEqual(["beforeunload"]);
    await page.context().close();
  });

  it("embedded, asks first while a program runs, not for files alone (the documentation page's links leave too)", async () => {
    const { page, asked, reload, reloadUnasked } = await leavableLab("?embed=1");
    const sleepGone = () => page.locator("td", { hasText: /^sleep$/ }).waitFor({ state: "detached" });
    await typeCommand(page, "cp /bin/busybox /tmp/mine; sleep 2; echo made-$((1+1))", /made-2/, 30_000);
    await sleepGone();
    await reloadUnasked();
    expect(asked).toEqual([]);
    await typeCommand(page, "cat", /[$#] cat/);
    await page.locator("td", { hasText: /^cat$/ }).waitFor({ timeout: 30_000 });
    await reload();
    await expect.poll(() => asked, { timeout: 5000 }).toEqual(["beforeunload"]);
    await page.context().close();
  });

  it("asks first once the learner has made a file, not once it is removed again", async () => {
    const { page, asked, reload, reloadUnasked } = await leavableLab();
    // The guest counts its files every second: the sleep lets it report before the reload (which
    // waits for the sleep to leave the process table: a program running would be asked about).
    const sleepGone = () => page.locator("td", { hasText: /^sleep$/ }).waitFor({ state: "detached" });
    await typeCommand(page, "cp /bin/busybox /tmp/mine; sleep 2; echo made-$((1+1))", /made-2/, 30_000);
    await sleepGone();
    await reload();
    await expect.poll(() => asked, { timeout: 5000 }).toEqual(["beforeunload"]);
    await typeCommand(page, "rm /tmp/mine; sleep 2; echo removed-$((1+1))", /removed-2/, 30_000);
    await sleepGone();
    await reloadUnasked();
    expect(asked).toEqual(["beforeunload"]);
    await page.context().close();
  });
});
