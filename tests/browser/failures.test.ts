// When something fails: a damaged saved state falls back to a cold boot and says so; a missing
// emulator gives a clear message and a Retry that works once the file is back. Never a blank page.
import { describe, expect, it } from "vitest";
import { holdRequests, siteAndBrowser, terminalText, typeCommand, waitForPrompt } from "./browser";

const lab = siteAndBrowser();

describe("failures", () => {
  it("a damaged saved state falls back to a cold boot, says why, and still works", async () => {
    const page = await lab.browser.newPage();
    await page.route(/state-[0-9a-f]+\.bin\.zst$/, (route) =>
      route.fulfill({ status: 200, body: Buffer.alloc(4096, 7), contentType: "application/octet-stream" }),
    );
    await page.goto(lab.site.url);
    await page.waitForSelector(".terminal-rows");
    // While Linux boots, nothing measures how far it has got: no percentage, no value for the bar.
    // Read in one go: the boot is over in a few seconds.
    const booting = await page.waitForFunction(
      () => {
        const status = document.querySelector("[data-testid=loading-screen] [role=status]");
        if (!/Booting Linux — cold boot/.test(status?.textContent ?? "")) return false;
        const bar = document.querySelector("[data-testid=loading-screen] [role=progressbar]");
        return { text: status?.textContent ?? "", value: bar?.getAttribute("aria-valuenow") ?? null };
      },
      null,
      { timeout: 60_000, polling: 20 },
    );
    const seen = (await booting.jsonValue()) as { text: string; value: string | null };
    expect(seen.text).toMatch(/^Booting Linux — cold boot: the saved state could not be restored \(.*\)$/);
    expect(seen.text).not.toMatch(/%/);
    expect(seen.value).toBeNull();
    await typeCommand(page, "echo cold-$((6*7))", /cold-42/, 90_000);
    expect(await page.getByTestId("cold-boot-note").innerText()).toMatch(/saved state/i);
    await page.close();
  });

  it("a slow saved-state download is said to be under way, and what was typed meanwhile runs", async () => {
    const page = await lab.browser.newPage();
    const release = await holdRequests(page, /state-[0-9a-f]+\.bin\.zst$/);
    await page.goto(lab.site.url);
    await waitForPrompt(page);
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.insertText("echo slow-$((6*7))");
    await page.keyboard.press("Enter");
    // The note takes the hint's place: the terminal keeps its height (and the guest its size).
    const height = () =>
      page.evaluate(() => document.getElementById("terminal")?.getBoundingClientRect().height);
    await page.locator("#terminal").waitFor();
    const before = await height();
    // The note's status region is always there, empty until it has something to say.
    const note = page.getByTestId("slow-start").filter({ hasText: /What you type is kept/ });
    await note.waitFor({ timeout: 10_000 });
    expect(await note.innerText()).toMatch(/^Downloading the guest.*What you type is kept/);
    expect(await height()).toBe(before);
    expect(await page.locator("#terminal-hint").isVisible()).toBe(false);
    release();
    await page.waitForFunction(
      () => /slow-42/.test(document.querySelector(".terminal-rows")?.textContent ?? ""),
      null,
      {
        timeout: 30_000,
      },
    );
    await note.waitFor({ state: "detached" });
    expect(await page.getByTestId("slow-start").count()).toBe(1);
    expect(await page.locator("#terminal-hint").isVisible()).toBe(true);
    expect(await height()).toBe(before);
    await page.close();
  });

  it("when the page's own code cannot load, the page says so instead of loading forever", async () => {
    const page = await lab.browser.newPage();
    await page.route(/\/assets\/index-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(lab.site.url);
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).toMatch(
      /^exelab could not load its code \(.*index-.*\.js\)\. Reload the page\./,
    );
    expect(await page.locator("body").innerText()).not.toMatch(/Loading exelab/);
    await page.close();
  });

  it("served at a folder's address without its slash, the page says to add it", async () => {
    const page = await lab.browser.newPage();
    const html = await (await page.request.get(lab.site.url)).text();
    // As a host that serves the folder's index.html at /docs/exelab without redirecting: the page's
    // relative addresses then point into /docs/, where nothing is.
    const address = new URL("docs/exelab?embed=1", lab.site.url).href;
    await page.route(address, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(address);
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).toMatch(/no slash at the end\. Open \/docs\/exelab\/\?embed=1 instead/);
    await page.close();
  });

  it("when the page's code fails as it starts, the page says so too", async () => {
    const page = await lab.browser.newPage();
    await page.route(/\/assets\/index-[\w-]+\.js$/, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: 'throw new Error("boom");' }),
    );
    await page.goto(lab.site.url);
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).toMatch(/^exelab could not start \(.*boom\)\. Reload the page\.$/);
    // The thrown error is the page's uncaught one, on purpose here.
    expect(lab.takePageErrors()).toEqual([expect.stringMatching(/: boom$/)]);
    await page.close();
  });

  it("a guest that reboots starts afresh; one that halts says so at once, and starts over", async () => {
    // Tall: the fresh guest's welcome must not scroll the page's note about the reboot out of view.
    const page = await lab.browser.newPage({ viewport: { width: 1280, height: 2400 } });
    // A root shell: busybox's reboot and halt ask PID 1 with a signal, which only a uid-0 shell may send.
    await page.goto(`${lab.site.url}?uid=0`);
    const rootPrompt = () =>
      page.waitForFunction(
        () =>
          /\[uid 0\] [^\n]*# $/.test(
            (document.querySelector(".terminal-rows")?.textContent ?? "").trimEnd() + " ",
          ),
        null,
        { timeout: 60_000 },
      );
    await rootPrompt();
    // Offline once the page has loaded (a speaker's venue): the fresh guest's files are all in the
    // browser's cache.
    await page.waitForSelector("header");
    await page.locator(".light-screen").waitFor({ state: "detached" });
    await page.context().setOffline(true);
    await page.locator(".terminal-input").first().focus();
    await page.keyboard.type("touch /tmp/mine; reboot");
    await page.keyboard.press("Enter");
    // Polled every frame: the fresh guest's welcome follows the note within a moment, and a busy
    // machine's terminal may have fewer rows than the two take.
    await page.waitForFunction(
      () =>
        // Broken at words to the terminal's width (at a row's end, the next row's indent follows).
        /a\s+fresh\s+guest\s+starts\s+from\s+the\s+saved\s+state/.test(
          document.querySelector(".terminal-rows")?.textContent ?? "",
        ),
      null,
      { timeout: 60_000, polling: "raf" },
    );
    await rootPrompt();
    await typeCommand(page, "ls /tmp/mine || echo gone-$((6*7))", /gone-42/, 60_000);
    await typeCommand(page, "halt", /nothing\s+runs\s+here\s+now/, 60_000);
    const alert = page.getByTestId("load-error");
    // The kernel's own words, heard as it went: not a heartbeat that stopped answering.
    expect(await alert.innerText()).toMatch(/^The guest stopped\s+its kernel stopped \("System halted"\)/);
    // The panels say so too, instead of the stopped guest's shell, processes and running era.
    expect(await page.getByTestId("identity-actual").innerText()).toBe("no shell: the guest is not running");
    await page.getByText("The guest is not running: no processes.").waitFor();
    expect(await page.locator("table").count()).toBe(0);
    await page.getByText("Chosen: 2020 rules (the guest is not running)").waitFor();
    await page.getByRole("button", { name: "Start over" }).click();
    await rootPrompt();
    await typeCommand(page, "echo again-$((6*7))", /again-42/, 60_000);
    await page.close();
  });

  it("embedded, a guest that fails leaves the keyboard and the scroll to the page around it", async () => {
    const page = await lab.browser.newPage({ viewport: { width: 1000, height: 700 } });
    // The saved state and, behind it, the kernel for a cold boot: a start that a link to cold=1 may
    // still get round later (a failed emulator it could not: then there is no link).
    await page.route(/\/vm\/(state|kernel)-/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.setContent(
      `<input id="search" aria-label="Search"><div style="height: 1500px"></div>` +
        `<iframe src="${lab.site.url}?embed=1" width="800" height="560" title="exelab"></iframe>`,
    );
    await page.locator("#search").focus();
    await page.keyboard.type("before");
    const frame = page.frameLocator("iframe");
    await frame.getByRole("button", { name: "Retry" }).waitFor({ timeout: 60_000 });
    await page.keyboard.type("-after");
    expect(await page.locator("#search").inputValue()).toBe("before-after");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Both failures named, the first (the saved state) often the cause; a cold boot, just tried, is
    // not offered again (its link, in a frame, is loading-screen.test's).
    const alert = frame.getByTestId("load-error");
    expect(await alert.innerText()).toMatch(/Before that: the saved state could not be restored/);
    expect(await frame.getByRole("link", { name: /boot from scratch/ }).count()).toBe(0);
    await page.close();
  });

  it("in a sandboxed frame without allow-same-origin, the page says what the frame needs", async () => {
    const page = await lab.browser.newPage();
    await page.setContent(
      `<iframe sandbox="allow-scripts" src="${lab.site.url}?embed=1" width="800" height="560" title="exelab"></iframe>`,
    );
    const alert = page.frameLocator("iframe").getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toMatch(/sandbox="allow-scripts allow-same-origin"/);
    await page.close();
  });

  it('in a frame where no script may run (sandbox=""), it says it needs JavaScript, and not that it is loading', async () => {
    const page = await lab.browser.newPage();
    await page.setContent(
      `<iframe sandbox="" src="${lab.site.url}?embed=1" width="800" height="560" title="exelab"></iframe>`,
    );
    const body = page.frameLocator("iframe").locator("body");
    await expect.poll(() => body.innerText(), { timeout: 30_000 }).toMatch(/exelab needs JavaScript/);
    expect(await body.innerText()).not.toMatch(/Loading exelab/);
    await page.close();
  });

  it("when the page's controls fail to load, the terminal still works and the page says so", async () => {
    const page = await lab.browser.newPage();
    await page.route(/app-root-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(lab.site.url);
    await page
      .getByRole("alert")
      .filter({ hasText: /controls could not load/ })
      .waitFor({ timeout: 30_000 });
    await typeCommand(page, "echo still-$((6*7))", /still-42/, 60_000);
    await page.close();
  });

  it("a part of the page that fails says which, and leaves the terminal and the header working", async () => {
    const page = await lab.browser.newPage();
    // The phone key bar is the one user of this query: it throws as the bar sets itself up.
    await page.addInitScript(() => {
      const matchMedia = window.matchMedia.bind(window);
      window.matchMedia = (query: string) => {
        if (query === "(pointer: coarse)") throw new Error("matchMedia refused (test)");
        return matchMedia(query);
      };
    });
    await page.goto(lab.site.url);
    const alert = page.getByRole("alert").filter({ hasText: "The notes under the terminal failed to show." });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/matchMedia refused \(test\)/);
    await typeCommand(page, "echo notes-$((6*7))", /notes-42/, 60_000);
    // The header is still there, and still switches the kernel's era.
    const select = page.getByLabel("Kernel rules");
    await select.selectOption("2012");
    await expect.poll(() => select.getAttribute("aria-disabled"), { timeout: 30_000 }).toBeNull();
    await typeCommand(page, "echo era-$(cat /proc/sys/kernel/exe_link_era)-x", /era-2012-x/, 60_000);
    await page.close();
  });
});

describe("a busy guest", () => {
  it("started over from the busy note with the keyboard: the fresh terminal has the keyboard", async () => {
    const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(lab.site.url);
    await waitForPrompt(page);
    await page.locator(".light-screen").waitFor({ state: "detached", timeout: 60_000 });
    // Programs that take all of the guest's CPU: its agent stops answering, and the page says so.
    await typeCommand(
      page,
      "for i in $(seq 30); do (while :; do :; done) & done; echo hogs-$((6*7))",
      /hogs-42/,
    );
    const startOver = page
      .getByTestId("busy-note")
      .getByRole("button", { name: "Start over from the saved state" });
    await startOver.waitFor({ timeout: 90_000 });
    await startOver.focus();
    await page.keyboard.press("Enter");
    await startOver.waitFor({ state: "detached", timeout: 60_000 });
    await page.getByTestId("identity-actual").filter({ hasNotText: "waiting" }).waitFor({ timeout: 60_000 });
    await waitForPrompt(page);
    // Typed where the keyboard is, with no click: the fresh guest's shell runs it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("#terminal") !== null))
      .toBe(true);
    await page.keyboard.type("echo typed-$((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/typed-42/);
    await page.close();
  });
});
