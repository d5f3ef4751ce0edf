// Tells the user which URL parameters were ignored or adjusted, instead of failing on a hand-edited link.
import { useState } from "react";

/** More than this many and the list would push the terminal off the screen: the rest is folded. */
const SHOWN = 5;

const Items = ({ list }: { list: readonly string[] }) => (
  <ul className="list-disc pl-5">
    {/* By place: two messages may read the same (a parameter repeated with one bad value). */}
    {list.map((text, i) => (
      <li key={i}>{text}</li>
    ))}
  </ul>
);

/** `compact` (embeds): one line, the list behind it, so that a frame's terminal keeps its rows. */
export function ViewNotice({ ignored, compact = false }: { ignored: readonly string[]; compact?: boolean }) {
  const [open, setOpen] = useState(true);
  if (!open || ignored.length === 0) return null;
  // Not "ignored" alone: an out-of-range font is taken as the nearest size, which its item says (an
  // embedder read "ignored" beside a frame at font 32).
  const heading = "Some settings in the link could not be used as written (left out, unless said otherwise)";
  const more = ignored.length - SHOWN;
  return (
    <div
      role="status"
      className={`mx-3 flex gap-3 rounded border border-amber-500 bg-amber-50 dark:bg-amber-950 ${compact ? "mt-1 items-center px-2 py-0.5 text-sm" : "mt-2 items-start px-3 py-2"}`}
      data-testid="view-notice"
    >
      {compact ? (
        <details className="min-w-0">
          <summary className="cursor-pointer font-semibold">
            {ignored.length} link {ignored.length === 1 ? "setting" : "settings"} changed
          </summary>
          <Items list={ignored} />
        </details>
      ) : (
        <div>
          <p className="font-semibold">{heading}:</p>
          <Items list={ignored.slice(0, SHOWN)} />
          {more > 0 && (
            <details className="pl-5">
              <summary className="cursor-pointer">and {more} more</summary>
              <Items list={ignored.slice(SHOWN)} />
            </details>
          )}
        </div>
      )}
      <button
        type="button"
        className={`btn-small ml-auto ${compact ? "py-0 leading-tight" : ""}`}
        onClick={() => setOpen(false)}
      >
        Dismiss
      </button>
    </div>
  );
}
