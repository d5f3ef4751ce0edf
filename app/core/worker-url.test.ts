// Worker URL tests: the scheduler flag and the prefetch ride in the worker's URL and are read back safely.
import { describe, expect, it } from "vitest";
import { SCHEDULER_FLAG, prefetchFromUrl, workerUrl } from "./worker-url";

const PAGE = "https://example.org/lab/index.html?era=2014";
const VM = "https://example.org/lab/vm/";

describe("the worker's URL", () => {
  it("names v86's scheduler flag, and the prefetch the worker reads back", () => {
    const url = new URL(workerUrl("./assets/vm-worker-abc.js", PAGE, { mode: "restore", vmBase: VM }));
    expect(url.pathname).toBe("/lab/assets/vm-worker-abc.js");
    // v86 looks for the flag anywhere in its script's URL.
    expect(url.href).toContain(SCHEDULER_FLAG);
    expect(prefetchFromUrl(url.search)).toEqual({ mode: "restore", vmBase: VM });
  });

  it("keeps a script URL's own query (the dev server's worker has one)", () => {
    const url = new URL(workerUrl("/app/core/vm-worker.ts?worker_file&type=module", PAGE));
    expect(url.searchParams.get("type")).toBe("module");
    expect(url.searchParams.has("worker_file")).toBe(true);
    expect(url.href).toContain(SCHEDULER_FLAG);
    expect(prefetchFromUrl(url.search)).toBeUndefined();
  });

  it("ignores a prefetch it cannot use", () => {
    expect(prefetchFromUrl("?prefetch=warm&vm=https://example.org/vm/")).toBeUndefined();
    expect(prefetchFromUrl("?prefetch=cold")).toBeUndefined();
    expect(prefetchFromUrl("?prefetch=cold&vm=not%20a%20url")).toBeUndefined();
    expect(prefetchFromUrl("?prefetch=cold&vm=https://example.org/vm/")).toEqual({
      mode: "cold",
      vmBase: "https://example.org/vm/",
    });
  });
});
