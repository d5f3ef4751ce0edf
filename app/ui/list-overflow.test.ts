// Tests how the process list counts the rows its box hides above and below.
import { describe, expect, it } from "vitest";
import { countOutOfSight } from "./list-overflow";

const row = (top: number, height = 30) => ({ top, bottom: top + height });

describe("countOutOfSight", () => {
  it("counts rows more than half outside the visible part, on each side", () => {
    const rows = [row(0), row(30), row(60), row(90), row(120), row(150)];
    // Visible 40..130: the first row (middle 15) above; 60..90's middle 75 in; 120's middle 135 below.
    expect(countOutOfSight(rows, 40, 130)).toEqual({ above: 1, below: 2 });
  });

  it("a row half in sight, or all of them in sight, counts as seen", () => {
    expect(countOutOfSight([row(0), row(30)], 15, 45)).toEqual({ above: 0, below: 0 });
    expect(countOutOfSight([row(0), row(30)], 0, 60)).toEqual({ above: 0, below: 0 });
    expect(countOutOfSight([], 0, 60)).toEqual({ above: 0, below: 0 });
  });
});
