// A refused copy's note names a way that works for what asked: right-click for a selection, not on a phone.
import { describe, expect, it } from "vitest";
import { copyRefusalText } from "./copy-note";

describe("copyRefusalText", () => {
  it("advises right-click for a selection, and a tab of its own for the phone's Copy of the rows in view", () => {
    expect(copyRefusalText(false)).toBe("");
    expect(copyRefusalText("selection")).toMatch(/^Nothing was copied: .*Right-click the selection/);
    const screen = copyRefusalText("screen");
    expect(screen).toMatch(/^Nothing was copied: .*a tab of its own/);
    expect(screen).not.toMatch(/click/i);
  });
});
