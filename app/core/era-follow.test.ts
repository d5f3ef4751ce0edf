// The page follows the era the kernel reports, unless it is switching the era itself.
import { describe, expect, it } from "vitest";
import { eraOfRecord, eraToFollow } from "./era-follow";

describe("eraToFollow", () => {
  it("follows a kernel that runs another era than the page shows", () => {
    expect(eraToFollow({ current: 2020, switching: false }, 2012)).toBe(2012);
  });

  it("keeps the page's era when the kernel agrees", () => {
    expect(eraToFollow({ current: 2014, switching: false }, 2014)).toBeUndefined();
  });

  it("does not undo a switch the page is making (the report may be from before it)", () => {
    expect(eraToFollow({ current: 2020, switching: true }, 2012)).toBeUndefined();
  });

  it("ignores an era the page does not know", () => {
    expect(eraToFollow({ current: 2020, switching: false }, 1999)).toBeUndefined();
  });
});

describe("eraOfRecord", () => {
  it("names a known era, and the kernel's default for any other", () => {
    expect(eraOfRecord(2016)).toBe(2016);
    expect(eraOfRecord(0)).toBe(2020);
  });
});
