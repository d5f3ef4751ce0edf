// Tests when the busy note shows: a ready guest whose agent is silent but whose kernel runs.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { IdentityState, LoadStatus } from "../core/lab-types";
import { BusyNote } from "./busy-note";

const note = (status: LoadStatus, failing?: IdentityState["failing"]): string =>
  renderToStaticMarkup(createElement(BusyNote, { status, failing, onStartOver: () => undefined })).replace(
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

  it("says the shell dies as it starts, and when the guest tries again", () => {
    const text = note(
      { phase: "ready", detail: "Ready", coldBoot: false },
      { deaths: 3, status: 127, retry: 8 },
    );
    expect(text.replace(/\s+/g, " ")).toMatch(
      /shell dies as it starts \(3 times in a row, exit status 127\)/,
    );
    expect(text).toMatch(/tries again in 8 s/);
    expect(text).toMatch(/Start over/);
  });

  it("offers Start over once when the guest is both busy and without a shell", () => {
    const text = note(
      { phase: "ready", detail: "Ready", coldBoot: false, busy: true },
      { deaths: 2, status: 1, retry: 4 },
    );
    expect(text.split("Start over").length - 1).toBe(1);
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
