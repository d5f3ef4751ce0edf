// A value told once: to listeners before it, to one after it, and to none once closed.
import { describe, expect, it } from "vitest";
import { OnceSignal } from "./once-signal";

describe("OnceSignal", () => {
  it("tells the first value only, also to a late listener, and nothing once closed", async () => {
    const signal = new OnceSignal<string>();
    const heard: string[] = [];
    signal.on((v) => heard.push(`early ${v}`));
    signal.fire("a");
    signal.fire("b");
    signal.on((v) => heard.push(`late ${v}`));
    await Promise.resolve();
    expect(heard).toEqual(["early a", "late a"]);
    const closed = new OnceSignal<string>();
    closed.on((v) => heard.push(`closed ${v}`));
    closed.close();
    closed.fire("c");
    await Promise.resolve();
    expect(heard).toHaveLength(2);
  });
});
