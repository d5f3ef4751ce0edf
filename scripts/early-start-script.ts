// The HTML's inline script that starts the emulator's worker before the page's own code has arrived.
import { emulatorUnavailable, WORKER_CODE_FAILED, WORKER_FAILED } from "../app/core/emulator-unavailable.ts";
import { FLAG_OFF, FLAG_ON } from "../app/core/url-flags.ts";
import { APPLE_MOBILE_AGENT, MAC_AGENT } from "../app/ui/start-choice.ts";
import { PREFETCH_PARAMS, SCHEDULER_FLAG } from "../app/core/worker-url.ts";

/**
 * The worker then fetches the saved state (or, when the link asks for a cold boot, the kernel and
 * BIOS), compiles v86.wasm and loads v86's code in parallel with the page's. What to fetch rides in
 * the worker's URL, written as app/core/worker-url.ts writes it; the cold flag is read as the page
 * reads it (app/core/url-flags.ts), or the two would start different guests. The page's entry takes
 * the worker from `window.exelabEarlyVm` (app/core/early-worker.ts), for the lab's stand-in and then
 * the lab (app/core/early-lab.ts); its messages until then wait in `messages`.
 * Plain ES5 in a try: an old browser or a blocked worker leaves the page's own start-up to do it.
 * Not where Linux waits for Start (autostart=0, and by default on iPhone and iPad, as
 * app/ui/start-choice.ts decides): the start screen says nothing is downloaded before it.
 */
export function earlyStartScript(workerFile: string): string {
  return `try {
  var auto = new URLSearchParams(location.search).get("autostart");
  var ua = navigator.userAgent;
  var apple = ${APPLE_MOBILE_AGENT.toString()}.test(ua) || (${MAC_AGENT.toString()}.test(ua) && navigator.maxTouchPoints > 1);
  var waits = auto !== null && ${JSON.stringify(FLAG_OFF)}.indexOf(auto) >= 0;
  if (apple && !(auto !== null && ${JSON.stringify(FLAG_ON)}.indexOf(auto) >= 0)) waits = true;
  if (!waits) {
  var cold = new URLSearchParams(location.search).get("cold");
  var mode = cold !== null && ${JSON.stringify(FLAG_ON)}.indexOf(cold) >= 0 ? "cold" : "restore";
  var url = new URL(${JSON.stringify(`./${workerFile}`)}, location.href);
  url.searchParams.set(${JSON.stringify(SCHEDULER_FLAG)}, "");
  url.searchParams.set(${JSON.stringify(PREFETCH_PARAMS.mode)}, mode);
  url.searchParams.set(${JSON.stringify(PREFETCH_PARAMS.vmBase)}, new URL("./vm/", location.href).href);
  var worker = new Worker(url.href, { type: "module", name: "exelab-vm" });
  var early = { worker: worker, mode: mode, messages: [] };
  worker.onmessage = function (e) { early.messages.push(e.data); };
  worker.onerror = function (e) {
    e.preventDefault();
    var heard = early.messages.length > 0;
    early.messages.push({ type: "failed", message: !e.message ? ${JSON.stringify(emulatorUnavailable("its worker's code", "it did not load"))} : (heard ? ${JSON.stringify(WORKER_FAILED)} : ${JSON.stringify(WORKER_CODE_FAILED)}) + e.message });
  };
  window.exelabEarlyVm = early;
  }
} catch (e) {}`;
}
