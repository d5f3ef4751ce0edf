// The service worker that keeps the built site for offline reloads (vite.config.ts writes it as sw.js).

/** How long a reload waits for the network's page before it takes the cached one. */
const PAGE_WAIT_MS = 4000;

/**
 * `files`: the site's files a page may need again, relative to the site (kernel and BIOS left out:
 * only a cold boot wants them, and they are 1.9 MB). Installed once the page has loaded them all, so
 * filling the cache reads the browser's HTTP cache, not the network. Hashed names never change:
 * served from the cache first, the previous build's too. The page itself (index.html) comes from the
 * network while there is one, so a new build is seen at once; offline, the cached copy starts the lab.
 */
export function serviceWorkerScript(
  version: string,
  files: readonly string[],
  pageWaitMs = PAGE_WAIT_MS,
): string {
  return `// exelab's offline cache (scripts/service-worker-script.ts).
const CACHE = ${JSON.stringify(`exelab-${version}`)};
const FILES = ${JSON.stringify(files)};
const PAGE_WAIT_MS = ${pageWaitMs};
const page = () => new URL("index.html", self.registration.scope).href;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
// Older builds' caches go, but the one before this (the newest of them: keys come in the order the
// caches were made): a page opened from it, still running across the deploy, may start a fresh guest
// (Start over, a reboot), whose worker and state are that build's files, gone from the server.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => keys.filter((k) => k.startsWith("exelab-") && k !== CACHE).slice(0, -1))
      .then((older) => Promise.all(older.map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
// This build's copy first: the one before keeps files of the same names (index.html), and a lookup
// in every cache finds the oldest. The worker's address carries its downloads in its query: the
// file is the same. Vary is ignored: Vite's preview server (npm start) sends "Vary: Origin", and the
// page's module scripts are asked for with an Origin that the install's requests lacked, so none of
// them matched offline; a hashed name is the same file whatever the request says.
const MATCH = { ignoreSearch: true, ignoreVary: true };
const cached = (request) =>
  caches.open(CACHE)
    .then((cache) => cache.match(request, MATCH))
    .then((hit) => hit || caches.match(request, MATCH));
// The network's page, or the cached one when there is no network, or when the network has not
// answered within PAGE_WAIT_MS (a venue's Wi-Fi that connects and then carries nothing).
const pageFrom = (network) =>
  new Promise((resolve) => {
    const copy = () => cached(page());
    const timer = setTimeout(() => copy().then((hit) => hit && resolve(hit)), PAGE_WAIT_MS);
    network.then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      () => {
        clearTimeout(timer);
        copy().then((hit) => resolve(hit || Response.error()));
      },
    );
  });
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Only the lab's own address gets the lab's page: at another (a source file linked from the about
    // page) its relative addresses find nothing. The browser fetches those as it would without us.
    const scope = new URL(self.registration.scope).pathname;
    if (![scope, scope + "index.html"].includes(new URL(request.url).pathname)) return;
    event.respondWith(pageFrom(fetch(request)));
    return;
  }
  // A worker takes its address from the response: the cached one's has no query, and without the
  // query's parameters the emulator's worker starts late and v86 starts a second one of its own. A
  // response made here has no address of its own, so the worker keeps the one it was asked for.
  const asked = (hit) =>
    request.destination === "worker"
      ? new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers })
      : hit;
  event.respondWith(cached(request).then((hit) => (hit ? asked(hit) : fetch(request))));
});
`;
}
