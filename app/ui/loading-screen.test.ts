// Tests what the error banner says: a guest that never started and one that stopped answering differ.
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
  });

  it("says the guest stopped answering when it ran and then went silent", () => {
    const text = banner({ phase: "error", detail: "Stopped", error: "no reply for 8 s", coldBoot: false });
    expect(text).toMatch(/stopped answering/);
    expect(text).not.toMatch(/could not start/);
  });
});
