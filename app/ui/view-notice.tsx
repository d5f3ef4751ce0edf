// Tells the user which URL parameters were ignored, instead of failing on a hand-edited link.
import { useState } from "react";

/** More than this many and the list would push the terminal off the screen: the rest is folded. */
const SHOWN = 5;

export function ViewNotice({ ignored }: { ignored: readonly string[] }) {
  const [open, setOpen] = useState(true);
  if (!open || ignored.length === 0) return null;
  const more = ignored.length - SHOWN;
  return (
    <div
      role="status"
      className="mx-3 mt-2 flex items-start gap-3 rounded border border-amber-500 bg-amber-50 px-3 py-2 dark:bg-amber-950"
      data-testid="view-notice"
    >
      <div>
        <p className="font-semibold">Some settings in the link were ignored and defaults used instead:</p>
        <ul className="list-disc pl-5">
          {ignored.slice(0, SHOWN).map((text) => (
            <li key={text}>{text}</li>
          ))}
          {more > 0 && (
            <li>
              <details>
                <summary className="cursor-pointer">and {more} more</summary>
                <ul className="list-disc pl-5">
                  {ignored.slice(SHOWN).map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </details>
            </li>
          )}
        </ul>
      </div>
      <button type="button" className="btn-small ml-auto" onClick={() => setOpen(false)}>
        Dismiss
      </button>
    </div>
  );
}
