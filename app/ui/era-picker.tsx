// A compact era switch for the header, so a speaker can change the kernel's rules without scrolling to the timeline.
import { useEffect, useRef, useState } from "react";
import { entryForEra } from "../core/history";
import { ERAS, type Era } from "../core/protocol";
import { useServices } from "./app-context";
import { busyProps, focusTerminalIfStill } from "./busy-focus";
import { DeferredChoice, isStepKey } from "./deferred-choice";
import { useStore } from "./use-store";

export function EraPicker({ ready }: { ready: boolean }) {
  const { lab, view } = useServices();
  // An embed's timeline is folded away until asked for: its live "Running:" line is not there.
  const timelineShown = !useStore(view).embed;
  const era = useStore(lab.era);
  const [held, setHeld] = useState<Era>();
  // Whether the change now arriving comes from a step key pressed on the closed select.
  const stepping = useRef(false);
  const [choice] = useState(
    () =>
      new DeferredChoice<Era>((year, held) => {
        // One switch at a time: a choice made during one waits for the next pause.
        if (lab.era.get().switching) return false;
        // Errors land in the era store and are shown by the timeline.
        if (year !== lab.era.get().current) lab.setEra(year).catch(() => undefined);
        // Made with the arrow keys and acting at their pause, the choice is done as with Enter: the
        // keyboard goes back to the terminal (left on the select, a speaker's next command went
        // nowhere, its digits picking eras). After a blur the keyboard is elsewhere already.
        if (held) focusTerminalIfStill(document.getElementById("era-select"));
        return true;
      }, setHeld),
  );
  useEffect(() => () => choice.drop(), [choice]);
  const pending = held !== undefined && held !== era.current ? held : undefined;

  // A select, not buttons: the timeline owns the "Switch kernel to YEAR rules" buttons, and one
  // accessible name per action keeps them unambiguous.
  return (
    // The notes beside the select are outside its label: inside, they joined its name.
    <div className="relative flex items-center gap-1">
      <label htmlFor="era-select">Kernel rules</label>
      <select
        id="era-select"
        className="rounded border border-slate-500 bg-white px-1 py-1 font-semibold dark:border-slate-500 dark:bg-slate-900"
        value={held ?? era.current}
        disabled={!ready}
        // Busy, not disabled, while a switch is under way: a disabled select drops the keyboard's focus.
        {...busyProps(era.switching)}
        // Said before the keys are used (WCAG 3.2.2): their pause switches, and moves the keyboard.
        aria-describedby={pending ? "era-held era-keys" : "era-keys"}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            // Done choosing: the switch now (if one is held), and the keyboard back to the terminal,
            // as after the timeline's buttons and Apply. Left here, a speaker's next command went
            // into the select, and its first space opened the list over the terminal.
            event.preventDefault();
            choice.commit();
            focusTerminalIfStill(event.currentTarget);
          } else if (event.key === "Escape") {
            // Esc keeps the running era, and is done with the select as Enter is.
            event.preventDefault();
            choice.drop();
            focusTerminalIfStill(event.currentTarget);
          } else if (isStepKey(event)) {
            stepping.current = true;
            // The change a step key makes comes within its keydown's default action.
            setTimeout(() => (stepping.current = false), 0);
          }
        }}
        onBlur={() => choice.commit()}
        onChange={(event) => {
          const year = ERAS.find((e) => String(e) === event.target.value);
          if (year) choice.choose(year, stepping.current);
        }}
      >
        {ERAS.map((year) => (
          <option key={year} value={year} title={`${entryForEra(year).release}: ${entryForEra(year).title}`}>
            {year}
          </option>
        ))}
      </select>
      {pending && (
        // Over the page, not in the header's line: the header would wrap for a second and move the terminal.
        <span
          id="era-held"
          className="absolute top-full left-0 z-10 mt-1 rounded border border-slate-400 bg-white px-1 text-sm whitespace-nowrap italic shadow dark:bg-slate-900"
        >
          switches in a moment · Enter: now · Esc: keep {era.current}
        </span>
      )}
      <span id="era-keys" className="sr-only">
        Arrow keys choose an era. The kernel switches to it a second after the last key, or at once with
        Enter, and the keyboard goes back to the terminal; Escape keeps the running era.
      </span>
      {era.switching && !pending && (
        // Over the page too: in the header's line it wrapped a phone's header for the switch, and the
        // page, scrolled to the timeline button just tapped, moved under the finger.
        <span className="absolute top-full left-0 z-10 mt-1 rounded bg-white px-1 text-sm whitespace-nowrap italic shadow dark:bg-slate-900">
          switching…
        </span>
      )}
      {era.error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          switch failed: {era.error}
        </span>
      )}
      <span role="status" className="sr-only">
        {pending
          ? `${pending} chosen: the kernel switches to it in a moment, then the keyboard goes back to the terminal. Enter: now. Escape: keep ${era.current}`
          : // Where no timeline says it (an embed folds it away): the switch, and then its end.
            !timelineShown &&
            (era.switching
              ? `switching the kernel to the ${era.to ?? ""} rules`
              : `the kernel follows the ${era.current} rules`)}
      </span>
    </div>
  );
}
