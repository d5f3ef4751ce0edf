// Tests when the busy note shows: a ready guest whose agent is silent but whose kernel runs.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LoadStatus } from "../core/lab-types";
import { BusyNote } from "./busy-note";

const note = (status: LoadStatus): string =>
  renderToStaticMarkup(createElement(BusyNote, { status, onStartOver: () => undefined })).replace(
    /<[^>]*>/g,
    " ",
  );

describe("BusyNote", () => {
  it("says the guest is busy, how to free it, and offers to start over", () => {
    const text = note({ phase: "ready", detail: "Ready", coldBoot: false, busy: true });
    expect(text).toMatch(/The guest is busy/);
    expect(text).toMatch(/Ctrl\+C/);
    expect(text).toMatch(/Start over from the saved state/);
  });

  it("says nothing otherwise, its status region left in place", () => {
    for (const status of [
      { phase: "ready", detail: "Ready", coldBoot: false, busy: false },
      { phase: "ready", detail: "Ready", coldBoot: false },
      { phase: "error", detail: "Stopped", coldBoot: false, busy: true },
    ] as LoadStatus[]) {
      expect(note(status).trim()).toBe("");
      expect(renderToStaticMarkup(createElement(BusyNote, { status, onStartOver: () => {} }))).toMatch(
        /role="status"/,
      );
    }
  });
});
