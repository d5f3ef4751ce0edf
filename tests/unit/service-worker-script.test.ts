// The offline cache's service worker: fills its cache on install, drops older builds' but the last, serves offline.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { serviceWorkerScript } from "../../scripts/service-worker-script";

type Handler = (event: {
  waitUntil(p: Promise<unknown>): void;
  respondWith(p: Promise<unknown>): void;
  request?: unknown;
}) => void;

/** The script run against stand-ins for a worker's globals; `online` says whether fetch reaches the server. */
function load(online: boolean | "silent") {
  const handlers = new Map<string, Handler>();
  // In the order they were made, as CacheStorage lists them: the build before last, then the last.
  const stores = new Map<string, Map<string, string>>([
    ["exelab-older", new Map()],
    ["other-app", new Map()],
    [
      "exelab-old",
      new Map([
        ["https://docs.example/exelab/assets/vm-worker-old.js", "cached old worker"],
        ["https://docs.example/exelab/index.html", "cached old index.html"],
      ]),
    ],
  ]);
  const scope = "https://docs.example/exelab/";
  const strip = (url: string) => url.replace(/\?.*$/, "");
  type Request = string | { url: string };
  const find = (store: Map<string, string>, request: Request, options?: { ignoreSearch?: boolean }) => {
    const url = typeof request === "string" ? request : request.url;
    // A cached response keeps the address it was stored under.
    for (const [key, body] of store)
      if (key === url || (options?.ignoreSearch && strip(key) === strip(url))) return { body, url: key };
    return undefined;
  };
  const caches = {
    open: async (name: string) => {
      const store = stores.get(name) ?? new Map<string, string>();
      stores.set(name, store);
      return {
        addAll: async (files: string[]) =>
          files.forEach((f) => store.set(new URL(f, scope).href, `cached ${f}`)),
        match: async (request: Request, options?: { ignoreSearch?: boolean }) =>
          find(store, request, options),
      };
    },
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    // Every cache, in the order they were made (as CacheStorage.match looks).
    match: async (request: Request, options?: { ignoreSearch?: boolean }) => {
      for (const store of stores.values()) {
        const hit = find(store, request, options);
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
  };
  runInNewContext(serviceWorkerScript("v1", ["index.html", "assets/vm-worker-abc.js"], 100), {
    self: {
      registration: { scope },
      location: new URL(scope),
      addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
      skipWaiting: async () => {},
      clients: { claim: async () => {} },
    },
    caches,
    URL,
    fetch: (request: { url: string }) =>
      online === "silent"
        ? new Promise(() => {})
        : online
          ? Promise.resolve(`network ${request.url}`)
          : Promise.reject(new TypeError("offline")),
    setTimeout,
    clearTimeout,
    // A response made in the worker: its address is the request's.
    Response: class {
      readonly url = "";
      constructor(readonly body: unknown) {}
      static error() {
        return "error";
      }
    },
  });
  /** Runs an event's handler; resolves with what it answered (or waited for). */
  const fire = (type: string, request?: unknown, waitMs = 50) =>
    new Promise<unknown>((resolve) => {
      const handler = handlers.get(type);
      if (!handler) throw new Error(`no ${type} handler`);
      let answered = false;
      const respondWith = (p: Promise<unknown>) => {
        answered = true;
        void p.then(resolve);
      };
      handler({ waitUntil: (p) => void p.then(resolve), respondWith, request });
      if (type === "fetch") setTimeout(() => resolve(answered ? "no answer yet" : "not answered"), waitMs);
    });
  return { fire, stores };
}

describe("the offline cache's service worker", () => {
  it("fills its cache with the build's files and drops older builds' caches but the last, not other sites'", async () => {
    const sw = load(true);
    await sw.fire("install");
    expect([...(sw.stores.get("exelab-v1")?.keys() ?? [])]).toEqual([
      "https://docs.example/exelab/index.html",
      "https://docs.example/exelab/assets/vm-worker-abc.js",
    ]);
    await sw.fire("activate");
    expect([...sw.stores.keys()].sort()).toEqual(["exelab-old", "exelab-v1", "other-app"]);
    // A page of the last build, open across the deploy, starts a fresh guest: its worker is there.
    const oldWorker = {
      url: "https://docs.example/exelab/assets/vm-worker-old.js?prefetch=restore",
      method: "GET",
      mode: "same-origin",
    };
    expect(await sw.fire("fetch", oldWorker)).toMatchObject({ body: "cached old worker" });
  });

  it("serves the page from the network while there is one, this build's cached copy offline (not the last one's)", async () => {
    const online = load(true);
    await online.fire("install");
    const page = { url: "https://docs.example/exelab/?era=2014", method: "GET", mode: "navigate" };
    expect(await online.fire("fetch", page)).toBe(`network ${page.url}`);
    const offline = load(false);
    await offline.fire("install").catch(() => undefined);
    offline.stores.set(
      "exelab-v1",
      new Map([["https://docs.example/exelab/index.html", "cached index.html"]]),
    );
    expect(await offline.fire("fetch", page)).toMatchObject({ body: "cached index.html" });
    const named = { ...page, url: "https://docs.example/exelab/index.html#about" };
    expect(await offline.fire("fetch", named)).toMatchObject({ body: "cached index.html" });
    // Another address in the scope (a source file the about page links to) is not the lab.
    const source = { ...page, url: "https://docs.example/exelab/source/README.txt" };
    expect(await offline.fire("fetch", source)).toBe("not answered");
  });

  it("serves the cached page when the network has not answered the page in time (Wi-Fi that carries nothing)", async () => {
    const silent = load("silent");
    silent.stores.set(
      "exelab-v1",
      new Map([["https://docs.example/exelab/index.html", "cached index.html"]]),
    );
    const page = { url: "https://docs.example/exelab/", method: "GET", mode: "navigate" };
    expect(await silent.fire("fetch", page, 300)).toMatchObject({ body: "cached index.html" });
  });

  it("serves a file by its name whatever its query (the worker's carries its downloads), and leaves other sites alone", async () => {
    const sw = load(true);
    await sw.fire("install");
    const worker = {
      url: "https://docs.example/exelab/assets/vm-worker-abc.js?prefetch=restore",
      method: "GET",
      mode: "same-origin",
    };
    expect(await sw.fire("fetch", worker)).toEqual({
      body: "cached assets/vm-worker-abc.js",
      url: "https://docs.example/exelab/assets/vm-worker-abc.js",
    });
    // Started as a worker, it is handed over with no address of its own: the worker keeps its query
    // (the cached one's address has none, and without it v86 starts a second worker).
    expect(await sw.fire("fetch", { ...worker, destination: "worker" })).toEqual(
      expect.objectContaining({ body: "cached assets/vm-worker-abc.js", url: "" }),
    );
    const elsewhere = { url: "https://cdn.example/x.js", method: "GET", mode: "cors" };
    expect(await sw.fire("fetch", elsewhere)).toBe("not answered");
  });
});
