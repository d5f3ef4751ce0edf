// Tests how a link's on/off settings are read.
import { describe, expect, it } from "vitest";
import { parseFlag } from "./url-flags";

describe("parseFlag", () => {
  it("reads 1, true and a bare flag as on, 0 and false as off, anything else as not understood", () => {
    expect(["1", "true", ""].map(parseFlag)).toEqual([true, true, true]);
    expect(["0", "false"].map(parseFlag)).toEqual([false, false]);
    expect(["yes", "TRUE", "2"].map(parseFlag)).toEqual([undefined, undefined, undefined]);
    // Nor other words for off: a link that says ?cold=no is told it was not understood, not obeyed.
    expect(["no", "off", "FALSE", " 0"].map(parseFlag)).toEqual([undefined, undefined, undefined, undefined]);
    expect(parseFlag(null)).toBeUndefined();
  });
});
