// guest-boot: its start-up marks, one per name for the page's life however often a guest starts again.
import { afterEach, describe, expect, it } from "vitest";
import { markFirst } from "./guest-boot";

describe("markFirst", () => {
  afterEach(() => performance.clearMarks("exelab:test"));

  it("marks the first start only", () => {
    markFirst("exelab:test");
    const first = performance.getEntriesByName("exelab:test", "mark")[0].startTime;
    for (let i = 0; i < 5; i++) markFirst("exelab:test");
    const marks = performance.getEntriesByName("exelab:test", "mark");
    expect(marks).toHaveLength(1);
    expect(marks[0].startTime).toBe(first);
  });
});
