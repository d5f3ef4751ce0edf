// Asks before the page is left (reload, Back, closing the tab) while programs run or files were written.
import type { Lab } from "../core/lab-types";

/**
 * Leaving ends the guest, and with it an editor's unsaved text, a long job or the files the learner
 * made (a copy of a program to point an exe link at, a script): the browser's own "Leave site?"
 * question, as Apply identity asks before a new shell ends programs. Only then: a guest as it started,
 * with only commands run in it, has nothing a reload would lose (the shell's history aside), and a
 * speaker reloading to begin again is not asked. (Browsers ask only after the page has had a click
 * or a key, which typing into the terminal is.)
 *
 * `files: false` (an embed): files alone do not ask. A documentation page's own links leave the frame
 * too, and a reader who tried `cp` in it was stopped at every chapter link; an editor still open
 * (unsaved text) still asks.
 */
export function guardLeaving(lab: Lab, { files }: { files: boolean }): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (lab.terminalJobs().length === 0 && !(files && lab.hasLearnerFiles())) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set; its text is not shown any more.
    event.returnValue = "";
  };
  window.addEventListener("beforeunload", onBeforeUnload);
  return () => window.removeEventListener("beforeunload", onBeforeUnload);
}
