// The about page says the offline copy failed only when its registration keeps showing no worker.
import { describe, expect, it } from "vitest";
import { settleCopyState } from "./offline-status";

describe("settleCopyState", () => {
  it("takes a moment with no worker for the copy still being made, three asks in a row for a failure", () => {
    let noWorker = 0;
    const states = (["making", "no-worker", "ready"] as const).map((asked) => {
      const settled = settleCopyState(asked, noWorker);
      noWorker = settled.noWorker;
      return settled.state;
    });
    expect(states).toEqual(["making", "making", "ready"]);
    noWorker = 0;
    const failing = [1, 2, 3].map(() => {
      const settled = settleCopyState("no-worker", noWorker);
      noWorker = settled.noWorker;
      return settled.state;
    });
    expect(failing).toEqual(["making", "making", "failed"]);
    // The page's own record of a failed copy is said at once.
    expect(settleCopyState("failed", 0).state).toBe("failed");
  });
});
