// The era asked for against the one the kernel runs: a refusal is an error, a guest gone meanwhile is not.
import { describe, expect, it } from "vitest";
import { EraChoice } from "./era-choice";

describe("EraChoice", () => {
  it("switches the running guest once it answers", async () => {
    const eras = new EraChoice(2020);
    await eras.set(
      2014,
      () => Promise.resolve(),
      () => true,
    );
    expect(eras.store.get()).toEqual({ current: 2014, switching: false });
    expect(eras.wanted).toBe(2014);
  });

  it("keeps a choice made with no guest ready for the next one, which is then given it", async () => {
    const eras = new EraChoice(2020);
    await eras.set(2012, undefined, () => true);
    expect(eras.store.get()).toEqual({ current: 2020, switching: true, to: 2012, error: undefined });
    expect(eras.wanted).toBe(2012);
    eras.given(2012);
    expect(eras.store.get()).toEqual({ current: 2012, switching: false });
  });

  it("says why when the running guest refuses, and asks for its era again", async () => {
    const eras = new EraChoice(2020);
    await eras.set(
      2016,
      () => Promise.reject(new Error("EINVAL: no such era")),
      () => true,
    );
    expect(eras.store.get()).toEqual({ current: 2020, switching: false, error: "EINVAL: no such era" });
    expect(eras.wanted).toBe(2020);
  });

  it("says nothing when the guest went before answering: the next one gets the era", async () => {
    const eras = new EraChoice(2020);
    await eras.set(
      2012,
      () => Promise.reject(new Error("the session ended")),
      () => false,
    );
    expect(eras.store.get().error).toBeUndefined();
    expect(eras.wanted).toBe(2012);
    // A guest that then fails for good leaves the choice to Start over, not switching for ever.
    eras.stopped();
    expect(eras.store.get()).toMatchObject({ current: 2020, switching: false });
  });

  it("forgets a failed switch once the kernel says, later, that it runs the era shown", async () => {
    const eras = new EraChoice(2020);
    await eras.set(
      2012,
      () => Promise.reject(new Error('the guest did not answer "era" within 5000 ms')),
      () => true,
    );
    expect(eras.store.get()).toMatchObject({ current: 2020, error: expect.stringMatching(/did not answer/) });
    eras.follow(2020);
    expect(eras.store.get()).toEqual({ current: 2020, switching: false });
  });

  it("follows the kernel's own era, but not while a switch of its own is under way", async () => {
    const eras = new EraChoice(2020);
    eras.follow(2014);
    expect(eras.store.get()).toEqual({ current: 2014, switching: false });
    await eras.set(2012, undefined, () => true);
    eras.follow(2016);
    expect(eras.wanted).toBe(2012);
  });
});
