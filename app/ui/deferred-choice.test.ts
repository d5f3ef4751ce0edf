import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeferredChoice, isStepKey } from "./deferred-choice";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("isStepKey", () => {
  it("takes the keys that change a closed select by themselves", () => {
    for (const k of ["ArrowDown", "ArrowUp", "Home", "End", "PageDown", "2"])
      expect(isStepKey(key(k))).toBe(true);
  });
  it("leaves out Enter, Space, Tab and shortcuts", () => {
    for (const k of ["Enter", " ", "Tab", "Escape", "Shift"]) expect(isStepKey(key(k))).toBe(false);
    expect(isStepKey(key("ArrowDown", { altKey: true }))).toBe(false);
    expect(isStepKey(key("r", { ctrlKey: true }))).toBe(false);
  });
});

describe("DeferredChoice", () => {
  let acted: number[];
  let shown: (number | undefined)[];
  let busy: boolean;
  let choice: DeferredChoice<number>;
  beforeEach(() => {
    vi.useFakeTimers();
    acted = [];
    shown = [];
    busy = false;
    choice = new DeferredChoice<number>(
      (v) => {
        if (busy) return false;
        acted.push(v);
        return true;
      },
      (v) => shown.push(v),
      1000,
    );
  });
  afterEach(() => vi.useRealTimers());

  it("acts at once on a choice not made by a step key", () => {
    choice.choose(2016, false);
    expect(acted).toEqual([2016]);
    expect(shown).toEqual([]);
  });

  it("holds step-key choices and acts once, on the last, when the keys pause", () => {
    choice.choose(2014, true);
    vi.advanceTimersByTime(600);
    choice.choose(2016, true);
    vi.advanceTimersByTime(600);
    choice.choose(2017, true);
    vi.advanceTimersByTime(999);
    expect(acted).toEqual([]);
    expect(choice.pending).toBe(2017);
    vi.advanceTimersByTime(1);
    expect(acted).toEqual([2017]);
    expect(choice.pending).toBeUndefined();
    expect(shown).toEqual([2014, 2016, 2017, undefined]);
  });

  it("acts at once on commit (Enter, the keyboard leaving), and only once", () => {
    choice.choose(2020, true);
    choice.commit();
    vi.advanceTimersByTime(5000);
    expect(acted).toEqual([2020]);
    choice.commit();
    expect(acted).toEqual([2020]);
  });

  it("forgets a dropped choice (Esc)", () => {
    choice.choose(2020, true);
    choice.drop();
    vi.advanceTimersByTime(5000);
    expect(acted).toEqual([]);
    expect(shown).toEqual([2020, undefined]);
  });

  it("a choice made while the last one is still acting waits for the next pause", () => {
    busy = true;
    choice.choose(2014, false);
    expect(acted).toEqual([]);
    expect(choice.pending).toBe(2014);
    vi.advanceTimersByTime(1000);
    expect(choice.pending).toBe(2014);
    busy = false;
    vi.advanceTimersByTime(1000);
    expect(acted).toEqual([2014]);
  });
});
