// The notes under the terminal (phone keys, busy guest, long line, copy, hint, cold boot, problems), behind their own error boundary.
import type { IdentityState, LoadStatus } from "../core/lab-types";
import { BusyNote } from "./busy-note";
import { CopyNote } from "./copy-note";
import { ErrorBoundary } from "./error-boundary";
import { KeyBar } from "./key-bar";
import { ColdBootNote, SlowStartNote } from "./loading-screen";
import { LongLineNote } from "./long-line-note";
import { Problems } from "./problems";
import { beaconRoom } from "./result-beacon";
import { TERMINAL_DESCRIPTION_ID, TERMINAL_HINT_ID, type TerminalHost } from "./terminal-host";
import { useStore } from "./use-store";

interface TerminalNotesProps {
  host: TerminalHost;
  /** In a frame: the key bar keeps the page's foot as it is, and a short frame shows less of the hint. */
  embed: boolean;
  status: LoadStatus;
  failing?: IdentityState["failing"];
  onStartOver: () => void;
  /** The slow-start note shows, in the hint's place. */
  slow: boolean;
  screenReader: boolean;
}

/**
 * One of these failing must not take the terminal with it (the page's own boundary replaces all of
 * it): the learner's shell and files stay, and the message says which part failed.
 */
export function TerminalNotes({
  host,
  embed,
  status,
  failing,
  onStartOver,
  slow,
  screenReader,
}: TerminalNotesProps) {
  // What of the hint a short frame leaves to screen readers (see the hint below).
  const shortFrameHides = embed ? "short:sr-only" : "";
  // The result's button at the window's foot, over the hint's right-hand end: the words wrap short of it.
  const room = useStore(beaconRoom);
  return (
    <ErrorBoundary what="The notes under the terminal">
      <KeyBar host={host} embedded={embed} />
      <BusyNote status={status} failing={failing} onStartOver={onStartOver} />
      <LongLineNote host={host} />
      <CopyNote host={host} />
      {/* The slow-start note takes the hint's place while it shows, not a line of its own: a
              terminal that changed height as it came and went would move its prompt, and resize
              the guest's terminal twice as it starts. Where the hint is for screen readers only
              (touch screens), the note has a line of its own: "contents" leaves no empty box
              behind, and no gap for it. */}
      {/* In a short frame (a documentation page's 400 px, say) only the way out of the terminal
              shows (a keyboard user needs it): with all of it, the page was taller than the frame
              and scrolled, toolbar and all. Screen readers get all of it. */}
      <div className="grid pointer-coarse:contents">
        {/* Keyboard shortcuts: of no use where the only keyboard is on screen (a phone, a tablet). */}
        <p
          id={TERMINAL_HINT_ID}
          style={room > 0 ? { paddingRight: room } : undefined}
          className={`col-start-1 row-start-1 text-sm text-slate-600 pointer-coarse:sr-only lg:max-w-[80ch] dark:text-slate-400 ${slow ? "invisible" : ""}`}
        >
          <span className={shortFrameHides}>
            Copy: select, then Ctrl+Shift+C · Paste: Ctrl+Shift+V or right-click ·{" "}
          </span>
          Leave<span className={shortFrameHides}> the terminal</span>: <kbd>Esc Esc</kbd> or{" "}
          <kbd>Ctrl+Shift+↑</kbd>
          <span className={shortFrameHides}> (in vi, only the latter)</span>
        </p>
        {/* The terminal's description, heard each time the keyboard enters it: the ways out, and
                (off by default: it mirrors every row) where to have its output read. Copying and
                pasting are the visible hint's, read once. */}
        <span id={TERMINAL_DESCRIPTION_ID} className="sr-only">
          Leave the terminal: Esc Esc or Ctrl+Shift+↑ · Back to the toolbar: Shift+Tab · In vi, only
          Ctrl+Shift+↑ leaves
          {!screenReader &&
            " · The output is not read out: the page's first button, Screen reader support, turns that on"}
        </span>
        <SlowStartNote status={status} shown={slow} className="col-start-1 row-start-1 text-sm" />
      </div>
      <ColdBootNote status={status} />
      <Problems />
    </ErrorBoundary>
  );
}
