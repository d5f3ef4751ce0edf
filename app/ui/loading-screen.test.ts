// Tests what the error banner says: a guest that never started and one that ran and stopped differ.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LoadStatus } from "../core/lab-types";
import { LoadingScreen } from "./loading-screen";

const banner = (status: LoadStatus): string =>
  renderToStaticMarkup(
    createElement(LoadingScreen, { status, onRetry: () => undefined, onStart: () => undefined }),
  ).replace(/<[^>]*>/g, " ");

/** A page at `href`, not framed: the banner's link to a cold boot is drawn only in a browser. */
function inPage(href: string): void {
  const page = { location: { href } };
  vi.stubGlobal("window", Object.assign(page, { top: page, self: page }));
}

/** The same in a frame (a documentation page's): its top is another window. */
function inFrame(href: string): void {
  const page = { location: { href } };
  vi.stubGlobal("window", Object.assign(page, { top: {}, self: page }));
}

const markup = (status: LoadStatus): string =>
  renderToStaticMarkup(
    createElement(LoadingScreen, { status, onRetry: () => undefined, onStart: () => undefined }),
  );
afterEach(() => vi.unstubAllGlobals());

describe("LoadingScreen's error banner", () => {
  it("says the guest could not start when start-up failed", () => {
    const text = banner({ phase: "error", detail: "Failed", error: "no wasm", coldBoot: false });
    expect(text).toMatch(/could not start/);
    expect(text).toMatch(/no wasm/);
    expect(text).toMatch(/Retry/);
  });

  it("says the guest stopped when it ran and then ended, and offers to start over", () => {
    const error = "the guest stopped answering (no reply for 8 s): the emulator is not running";
    const text = banner({ phase: "error", detail: "Stopped", error, coldBoot: false });
    expect(text).toMatch(/The guest stopped .*stopped answering \(no reply for 8 s\)/);
    expect(text).toMatch(/Start over/);
    expect(text).not.toMatch(/could not start|Retry/);
  });

  it("offers a cold boot when the start failed, not when a guest that ran was stopped", () => {
    inPage("http://localhost/?uid=0");
    const failed = banner({ phase: "error", detail: "Failed", error: "no wasm", coldBoot: false });
    expect(failed).toMatch(/boot from scratch instead of the saved state/);
    const halted = 'its kernel stopped ("System halted")';
    const stopped = banner({ phase: "error", detail: "Stopped", error: halted, coldBoot: false });
    expect(stopped).toMatch(/Start over/);
    expect(stopped).not.toMatch(/boot from scratch/);
  });

  it("in a frame, the cold boot's link opens a tab of its own (its reader cannot edit the frame's address)", () => {
    inFrame("http://localhost/?embed=1");
    const html = markup({ phase: "error", detail: "Failed", error: "no wasm", coldBoot: false });
    expect(html).toMatch(/<a href="http:\/\/localhost\/\?embed=1&amp;cold=1"[^>]*target="_blank"/);
    expect(html).toMatch(/opens in a new tab/);
  });

  it("after a cold boot that failed behind a failed restore: both named, no cold boot offered again", () => {
    inPage("http://localhost/");
    const text = banner({
      phase: "error",
      detail: "Failed",
      error: "could not download kernel: HTTP 404",
      coldBoot: true,
      fallbackReason: "the saved state could not be restored (could not download state: HTTP 404)",
    });
    expect(text).toMatch(/could not download kernel: HTTP 404/);
    expect(text).toMatch(
      /Before that: the saved state could not be restored \(could not download state: HTTP 404\)/,
    );
    expect(text).not.toMatch(/boot from scratch/);
  });
});
