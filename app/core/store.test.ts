// Store tests: listeners hear each change once, all of them even when one throws.
import { describe, expect, it } from "vitest";
import { Store, notifyAll } from "./store";

describe("Store", () => {
  it("tells listeners of a change, not of the same value again", () => {
    const store = new Store(1);
    const heard: number[] = [];
    const stop = store.subscribe((v) => heard.push(v));
    store.set(2);
    store.set(2);
    store.update((v) => v + 1);
    stop();
    store.set(9);
    expect(heard).toEqual([2, 3]);
    expect(store.get()).toBe(9);
  });

  it("tells every listener when one throws, keeps the value, and throws the first error", () => {
    const store = new Store("a");
    const heard: string[] = [];
    store.subscribe(() => {
      throw new Error("first");
    });
    store.subscribe((v) => heard.push(v));
    store.subscribe(() => {
      throw new Error("second");
    });
    expect(() => store.set("b")).toThrow("first");
    expect(heard).toEqual(["b"]);
    expect(store.get()).toBe("b");
  });
});

describe("notifyAll", () => {
  it("calls the listeners as they were when it began", () => {
    const listeners = new Set<(v: number) => void>();
    const heard: string[] = [];
    const late = () => heard.push("late");
    listeners.add(() => {
      heard.push("first");
      listeners.add(late);
    });
    notifyAll(listeners, 1);
    expect(heard).toEqual(["first"]);
  });
});
