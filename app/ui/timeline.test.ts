// Tests the era buttons' accessible names (server-rendered: the text a screen reader reads out).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { textOf } from "./static-render.fixture";
import { EraButton } from "./timeline";

/** The button's accessible name: its aria-label if it has one, else its text (markup dropped). */
function buttonName(props: { current: boolean; pending: boolean }): string {
  const html = renderToStaticMarkup(
    createElement(EraButton, { year: 2020, disabled: false, onChoose: () => undefined, ...props }),
  );
  const label = /^<button[^>]* aria-label="([^"]*)"/.exec(html)?.[1];
  return label ?? textOf(html);
}

describe("EraButton", () => {
  it("names the running era with its badge in brackets, not run together with the label", () => {
    expect(buttonName({ current: true, pending: false })).toBe("2020 rules (running)");
  });

  it("names other eras and a pending switch plainly", () => {
    expect(buttonName({ current: false, pending: false })).toBe("Switch kernel to 2020 rules");
    expect(buttonName({ current: false, pending: true })).toBe("Switching to 2020 rules…");
  });

  it("names a running era still marked pending as running (the switch ended before the mark went)", () => {
    expect(buttonName({ current: true, pending: true })).toBe("2020 rules (running)");
  });
});
