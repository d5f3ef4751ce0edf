// Tests what the error banner says: a guest that never started and one that ran and stopped differ.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LoadStatus } from "../core/lab-types";
import { LoadingScreen } from "./loading-screen";

const banner = (status: LoadStatus): string =>
  renderToStaticMarkup(
    createElement(LoadingScreen, { status, onRetry: () => undefined, onStart: () => undefined }),
  ).replace(/<[^>]*>/g, " ");

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
});
