// Asks before the page is left (reload, Back, closing the tab) while programs run in the terminal.
import type { Lab } from "../core/lab-types";

/**
 * Leaving ends the guest, and with it an editor's unsaved text or a long job: the browser's own
 * "Leave site?" question, as Apply identity asks before a new shell ends them. Only then: an idle
 * shell has nothing a reload would lose that a learner expects kept. (Browsers ask only after the
 * page has had a click or a key, which typing a program into the terminal is.)
 */
export function guardLeaving(lab: Lab): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (lab.terminalJobs().length === 0) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set; its text is not shown any more.
    event.returnValue = "";
  };
  window.addEventListener("beforeunload", onBeforeUnload);
  return () => window.removeEventListener("beforeunload", onBeforeUnload);
}
