// A new result whose card is out of sight (under a speaker's full-width terminal, on a phone): a
// button at the window's foot shows the kernel's answer and brings the card into view.
import { useEffect, useRef, useState } from "react";
import { Store } from "../core/store";
import { resultColour, resultLabel } from "./attempt-words";
import { useServices } from "./app-context";
import { useRulesChanged, useShellChanged } from "./earlier-notes";
import { TERMINAL_HINT_ID } from "./terminal-host";
import { useStore } from "./use-store";

const CARD = "[data-testid=attempt-card]";
/** The button's own height and a little: a card whose top is under it is not in sight. */
const EDGE = 64;

/** The result card, if it is laid out (not in a hidden panel). */
function shownCard(): HTMLElement | undefined {
  const card = document.querySelector<HTMLElement>(CARD);
  return card && card.getClientRects().length > 0 ? card : undefined;
}

/**
 * The terminal's cursor row (its input box sits on it, for input methods) is in the band at the
 * window's foot where the button would be: a short window (200% zoom, a phone with its keyboard up)
 * where the prompt is the last line. The button goes to the window's top then, off the typed line.
 */
function cursorAtFoot(): boolean {
  const cursor = document.querySelector("#terminal .terminal-input")?.getBoundingClientRect();
  return (
    !!cursor &&
    cursor.height > 0 &&
    cursor.bottom > window.innerHeight - EDGE &&
    cursor.top < window.innerHeight
  );
}

/**
 * Where the button's top goes at the window's top: under the page's header while it is in view (at
 * 175% zoom the button lay over the era select and A+, and a click meant for them scrolled the page).
 */
function topBelowHeader(): number {
  const header = document.querySelector("header")?.getBoundingClientRect();
  return Math.max(12, header && header.height > 0 ? header.bottom + 8 : 0);
}

/**
 * How far into the terminal's hint the button reaches, in pixels from the hint's right edge (0: it
 * is not over the hint). The hint keeps its words out of that room: at a speaker's font, where the
 * terminal fills the window, the button at the window's foot lay over "Leave the terminal: Esc Esc".
 */
export const beaconRoom = new Store<number>(0);

function roomOverHint(button: HTMLElement | null): number {
  const hint = document.getElementById(TERMINAL_HINT_ID)?.getBoundingClientRect();
  const own = button?.getBoundingClientRect();
  if (!hint || !own || hint.height === 0 || own.height === 0) return 0;
  const over = hint.bottom > own.top && hint.top < own.bottom && hint.right > own.left - 8;
  return over ? Math.ceil(hint.right - own.left + 8) : 0;
}

/** The card's heading and verdict can be seen (or there is no card to point at). */
function cardInSight(): boolean {
  const box = shownCard()?.getBoundingClientRect();
  return !box || (box.top < window.innerHeight - EDGE && box.bottom > EDGE);
}

/**
 * `stacked`: the panels are under the terminal (a speaker's A+ can put them there, with the card the
 * speaker was reading beside the terminal): the card gone out of sight then is pointed at too.
 */
export function ResultBeacon({ stacked }: { stacked: boolean }) {
  const { lab } = useServices();
  const latest = useStore(lab.attempts).at(-1);
  const seq = latest?.seq;
  // The result already there when the page is drawn (back from the About page) is not news.
  const seen = useRef(seq);
  const [pointing, setPointing] = useState<number>();
  // Its top in pixels, when it goes to the window's top (off the typed line).
  const [top, setTop] = useState<number>();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (seq === undefined || seq === seen.current) return;
    seen.current = seq;
    // Once the card shows it, and the panels have scrolled to it where they scroll by themselves.
    const frame = requestAnimationFrame(() => setPointing(cardInSight() ? undefined : seq));
    return () => cancelAnimationFrame(frame);
  }, [seq]);

  const wasStacked = useRef(stacked);
  useEffect(() => {
    if (stacked === wasStacked.current) return;
    wasStacked.current = stacked;
    if (!stacked || seq === undefined) return;
    // Once the new layout is drawn.
    const frame = requestAnimationFrame(() => setPointing(cardInSight() ? undefined : seq));
    return () => cancelAnimationFrame(frame);
  }, [stacked, seq]);

  useEffect(() => {
    if (pointing === undefined) return;
    let frame = 0;
    const check = () => {
      if (cardInSight()) return setPointing(undefined);
      const atTop = cursorAtFoot();
      setTop(atTop ? topBelowHeader() : undefined);
      // Measured where the button is now: a move to the top is measured again at the next check.
      if (!atTop) beaconRoom.set(roomOverHint(button.current));
    };
    // The cursor moves with the output (a command's lines push the prompt down): looked at once a frame.
    const soon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(check);
    };
    check();
    const stopOutput = lab.onTerminalOutput(soon);
    window.addEventListener("scroll", check, { passive: true });
    window.addEventListener("resize", check);
    return () => {
      cancelAnimationFrame(frame);
      stopOutput();
      window.removeEventListener("scroll", check);
      window.removeEventListener("resize", check);
      beaconRoom.set(0);
    };
  }, [pointing, lab]);

  // An answer the page has moved on from (another era's rules, another shell) is not pointed at: on
  // a projector, "EINVAL" beside a header that now says 2020 reads as 2020's answer. The card says
  // what changed.
  const rulesChanged = useRulesChanged(latest?.record.era ?? 0) !== undefined;
  const shellChanged = useShellChanged(latest?.shellThen) !== undefined;
  const shown = pointing !== undefined && latest?.seq === pointing && !rulesChanged && !shellChanged;
  // Drawn, moved or gone: the hint's room follows (check() follows scrolling and output).
  useEffect(() => {
    beaconRoom.set(shown && top === undefined ? roomOverHint(button.current) : 0);
  }, [shown, top]);
  if (!shown || !latest) return null;
  const label = resultLabel(latest.record.result);
  return (
    <button
      type="button"
      ref={button}
      data-testid="result-beacon"
      style={top === undefined ? undefined : { top }}
      // In a small window (400% zoom: 320 × 256) its words wrapped to three lines over the newest
      // output: there the verdict and the arrow say it, the words are for screen readers.
      className={`fixed right-3 ${top === undefined ? "bottom-3" : ""} z-20 flex items-center gap-3 rounded-full border-2 border-slate-500 bg-white px-4 py-1.5 text-lg font-semibold shadow-lg max-[36rem]:gap-1 max-[36rem]:px-3 max-[36rem]:py-0.5 dark:bg-slate-900`}
      onClick={() => {
        const card = shownCard();
        if (card) {
          // This document only: scrollIntoView would scroll a page that embeds this one too.
          window.scrollTo({ top: window.scrollY + card.getBoundingClientRect().top - 8 });
          // The keyboard follows to the card (the button goes): Tab goes on through the panels.
          card.focus({ preventScroll: true });
        }
        setPointing(undefined);
      }}
    >
      <span className={`font-mono text-2xl font-black max-[36rem]:text-lg ${resultColour(label)}`}>
        {label}
      </span>
      <span>
        <span className="max-[36rem]:sr-only [@media(max-height:26rem)]:sr-only">
          What just happened: below{" "}
        </span>
        <span aria-hidden="true">↓</span>
      </span>
    </button>
  );
}
