// A failure the page survives, said above everything else (the terminal keeps working).
import { offlineCopyDroppable, reloadWithoutOfflineCopy } from "./offline-copy";

export function alertAbove(root: HTMLElement, text: string): void {
  const note = document.createElement("p");
  note.setAttribute("role", "alert");
  note.className = "p-3 text-red-700";
  note.textContent = text;
  // A damaged file in the offline copy would come back at every reload: a way round it.
  if (offlineCopyDroppable()) {
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "btn-small ml-2";
    drop.textContent = "Reload without the offline copy";
    drop.onclick = reloadWithoutOfflineCopy;
    note.append(drop);
  }
  root.prepend(note);
}
