// The page header: title, kernel rules, terminal font size (A−/A+), theme and the about page.
import { FONT_MAX, FONT_MIN, fullLabQuery, type ThemeChoice } from "./view-state";
import { useServices } from "./app-context";
import { EraPicker } from "./era-picker";
import { useStore } from "./use-store";
import { busyProps, focusTerminalIfStill } from "./busy-focus";
import { ExternalLink } from "./external-link";

// Steps that stay crisp on most screens; a speaker usually wants two or three clicks, not twenty.
const FONT_STEPS = [10, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32];

function nextFont(size: number, direction: 1 | -1): number {
  const steps = direction === 1 ? FONT_STEPS : [...FONT_STEPS].reverse();
  const next = steps.find((s) => (direction === 1 ? s > size : s < size));
  return Math.min(FONT_MAX, Math.max(FONT_MIN, next ?? size));
}

export function Toolbar({ ready, compact }: { ready: boolean; compact: boolean }) {
  const { view } = useServices();
  const state = useStore(view);
  const setFont = (direction: 1 | -1) =>
    view.set({ ...state, fontSize: nextFont(state.fontSize, direction) });

  return (
    <header
      className={`flex flex-wrap items-center gap-y-1 border-b border-slate-200 py-2 dark:border-slate-700 ${compact ? "gap-x-2 px-2" : "gap-x-4 px-3"}`}
    >
      {/* From lg to xl the full title and the controls do not fit one line with every font: the title
          takes a line of its own there, always, so the first screen (styles.css's .boot-terminal)
          knows where the terminal will be. */}
      <h1 className={`text-xl font-bold ${compact ? "relative" : "lg:max-xl:w-full"}`}>
        {/* In a frame, the name opens the whole lab, in the same state, where there is room for it. */}
        {compact ? (
          <ExternalLink
            // Whole: where the frame may not open tabs, it is given to copy.
            href={new URL(`${window.location.pathname}${fullLabQuery(state)}`, window.location.href).href}
            overlay
            title="Open the full lab in a new tab"
            label="exelab: open the full lab in a new tab"
          >
            exelab
          </ExternalLink>
        ) : (
          "exelab"
        )}
        {/* Embedded pages have their own title; the question stays for screen readers. */}
        <span className={compact ? "sr-only" : ""}>
          <span className="font-normal text-slate-600 dark:text-slate-400"> — who may change</span>{" "}
          <code>/proc/self/exe</code>?
        </span>
      </h1>
      {/* In a frame, one row of controls with the title, wrapping control by control: as a block
          of its own it took a line under the title, and at 300 px three, a third of the frame. */}
      <div className={compact ? "contents" : "ml-auto flex flex-wrap items-center gap-x-4 gap-y-2"}>
        <EraPicker ready={ready} />
        <div role="group" aria-label="Terminal font size" className="flex items-center gap-1">
          <button
            type="button"
            className="btn-small"
            // The name starts with what the button shows, so that saying "click A minus" finds it.
            aria-label="A− smaller terminal font"
            // At the limit: unavailable but still focused (a disabled button drops the keyboard).
            {...busyProps(state.fontSize <= FONT_MIN)}
            onClick={() => state.fontSize > FONT_MIN && setFont(-1)}
          >
            A−
          </button>
          <span className="w-8 text-center tabular-nums" aria-live="polite" title="Terminal font size">
            <span className="sr-only">Terminal font size </span>
            {state.fontSize}
          </span>
          <button
            type="button"
            className="btn-small"
            aria-label="A+ larger terminal font"
            {...busyProps(state.fontSize >= FONT_MAX)}
            onClick={() => state.fontSize < FONT_MAX && setFont(1)}
          >
            A+
          </button>
        </div>
        <label className="flex items-center gap-1">
          {/* The select shows System, Light or Dark: in a frame, the word beside it is for screen readers. */}
          <span className={compact ? "sr-only" : ""}>Theme</span>
          <select
            className="rounded border border-slate-500 bg-white px-1 py-1 dark:border-slate-500 dark:bg-slate-900"
            value={state.theme}
            onChange={(event) => view.set({ ...state, theme: event.target.value as ThemeChoice })}
            // As with the era select: Enter is done choosing, and the keyboard goes back to the
            // terminal (left here, a speaker's next command went into the select).
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              focusTerminalIfStill(event.currentTarget);
            }}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <a className="link" href="#about">
          About
        </a>
      </div>
    </header>
  );
}
