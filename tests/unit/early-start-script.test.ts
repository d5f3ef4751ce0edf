// The HTML's early start picks the guest the page's code will want: the cold flag read the same way.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseViewState } from "../../app/ui/view-state";
import { PREFETCH_PARAMS } from "../../app/core/worker-url";
import { earlyStartScript } from "../../scripts/early-start-script";

interface Early {
  mode: string;
  worker: { url: string };
}

/** Runs the inline script against a stand-in page at `search`; returns what it started. */
function start(search: string): Early | undefined {
  const window: { exelabEarlyVm?: Early } = {};
  const href = `https://docs.example/exelab/${search}`;
  runInNewContext(earlyStartScript("assets/vm-worker-abc123.js"), {
    window,
    location: { href, search },
    URL,
    URLSearchParams,
    Worker: class {
      constructor(readonly url: string) {}
    },
  });
  return window.exelabEarlyVm;
}

describe("the early start script", () => {
  const searches = ["", "?cold=1", "?cold=true", "?cold", "?cold=", "?cold=0", "?cold=false", "?cold=yes"];
  searches.push("?era=2014&cold=1", "?cold=1&cold=0", "?cold=0&cold=1");

  it.each(searches)("boots cold for %s exactly when the page's view says cold", (search) => {
    const early = start(search);
    const cold = parseViewState(search).view.cold;
    expect(early?.mode).toBe(cold ? "cold" : "restore");
    expect(new URL(early?.worker.url ?? "").searchParams.get(PREFETCH_PARAMS.mode)).toBe(early?.mode);
  });

  it("points the worker at the guest's files beside the page", () => {
    const url = new URL(start("?theme=dark")?.worker.url ?? "");
    expect(url.pathname).toBe("/exelab/assets/vm-worker-abc123.js");
    expect(url.searchParams.get(PREFETCH_PARAMS.vmBase)).toBe("https://docs.example/exelab/vm/");
  });
});
