// Loading a part of the page again after its load failed, where the browser keeps the failure.
import { describe, expect, it } from "vitest";
import { failedModuleUrl, reloadable } from "./reloadable-import";

const URL = "http://127.0.0.1:4173/assets/about-page-C4SLLfHm.js";

describe("failedModuleUrl", () => {
  it("reads the address from Chromium's and Firefox's messages, and none from Safari's", () => {
    expect(failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${URL}`))).toBe(URL);
    expect(failedModuleUrl(new TypeError(`error loading dynamically imported module: ${URL}`))).toBe(URL);
    expect(failedModuleUrl(new TypeError("Importing a module script failed."))).toBeUndefined();
  });
});

describe("reloadable", () => {
  /** A browser that keeps a failed import: the first address fails for good. */
  function stickyBrowser() {
    const asked: string[] = [];
    const load = () => Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${URL}`));
    const importUrl = (url: string) => {
      asked.push(url);
      return Promise.resolve({ default: url });
    };
    return { asked, load, importUrl };
  }

  it("tries again at an address of its own, so a browser that kept the failure fetches again", async () => {
    const browser = stickyBrowser();
    const part = reloadable(browser.load, browser.importUrl);
    await expect(part()).rejects.toThrow(/imported module/);
    expect(await part()).toEqual({ default: `${URL}?retry=1` });
    expect(browser.asked).toEqual([`${URL}?retry=1`]);
  });

  it("keeps the module once loaded: later calls get the same one, not another copy", async () => {
    const browser = stickyBrowser();
    const part = reloadable(browser.load, browser.importUrl);
    await part().catch(() => undefined);
    const first = await part();
    expect(await part()).toBe(first);
    expect(browser.asked).toHaveLength(1);
  });

  it("counts its tries: a retry that fails too is followed by a new address, not the same one", async () => {
    let fail = 2;
    const asked: string[] = [];
    const part = reloadable(
      () => Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${URL}`)),
      (url) => {
        asked.push(url);
        return fail-- > 0
          ? Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${url}`))
          : Promise.resolve(url);
      },
    );
    for (let i = 0; i < 3; i++) await part().catch(() => undefined);
    expect(await part()).toBe(`${URL}?retry=3`);
    expect(asked).toEqual([`${URL}?retry=1`, `${URL}?retry=2`, `${URL}?retry=3`]);
  });

  it("without an address in the error, asks `load` again (a browser that retries by itself)", async () => {
    let calls = 0;
    const part = reloadable(() =>
      ++calls === 1 ? Promise.reject(new Error("offline")) : Promise.resolve(7),
    );
    await expect(part()).rejects.toThrow("offline");
    expect(await part()).toBe(7);
    expect(calls).toBe(2);
  });
});
