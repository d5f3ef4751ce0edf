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

const DESKTOP = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156", maxTouchPoints: 0 };

/** Runs the inline script against a stand-in page at `search`; returns what it started. */
function start(search: string, navigator = DESKTOP): Early | undefined {
  const window: { exelabEarlyVm?: Early } = {};
  const href = `https://docs.example/exelab/${search}`;
  runInNewContext(earlyStartScript("assets/vm-worker-abc123.js"), {
    window,
    location: { href, search },
    navigator,
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

  // Where main.ts waits for Start unless the link says otherwise: iPhone and iPad.
  const devices = [
    ["desktop", DESKTOP, false],
    [
      "iPhone",
      { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)", maxTouchPoints: 5 },
      true,
    ],
    // iPadOS says Macintosh; its touch points give it away.
    ["iPad", { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", maxTouchPoints: 5 }, true],
    ["Mac", { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", maxTouchPoints: 0 }, false],
  ] as const;
  const autostarts = [
    "",
    "?autostart=0",
    "?autostart=false",
    "?autostart=1",
    "?autostart",
    "?autostart=maybe",
  ];
  it.each(
    devices.flatMap(([name, device, apple]) => autostarts.map((s) => [name, s, device, apple] as const)),
  )(
    "on %s at '%s' downloads nothing before Start exactly where the page waits for it",
    (_, search, device, apple) => {
      // As main.ts decides: the link's word, else not on an iPhone or iPad.
      const autostart = parseViewState(search).view.autostart ?? !apple;
      expect(start(search, device) !== undefined).toBe(autostart);
    },
  );

  it("points the worker at the guest's files beside the page", () => {
    const url = new URL(start("?theme=dark")?.worker.url ?? "");
    expect(url.pathname).toBe("/exelab/assets/vm-worker-abc123.js");
    expect(url.searchParams.get(PREFETCH_PARAMS.vmBase)).toBe("https://docs.example/exelab/vm/");
  });
});
