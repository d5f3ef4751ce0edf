// The whole view state in the URL query (Compiler Explorer style): parsed defensively, written back on change.
import { visibleText } from "../core/visible-text";
import { ERAS, TOGGLE_CAPS, type Era, type Identity, type ToggleCap } from "../core/protocol";
import { parseFlag } from "../core/url-flags";

export type ThemeChoice = "system" | "light" | "dark";

export interface ViewState {
  /** Kernel rules to switch to once the guest is ready; undefined keeps the guest's own. */
  era?: Era;
  /** Identity to apply once the guest is ready; undefined keeps the guest's default. */
  identity?: Identity;
  fontSize: number;
  theme: ThemeChoice;
  /** Compact layout for iframes: terminal and card, the timeline behind a toggle. */
  embed: boolean;
  /** Skip the saved state and cold-boot the guest. */
  cold: boolean;
  /** Start Linux without a click (1) or only on a click (0); unset: automatic except on iPhone/iPad. */
  autostart?: boolean;
  /** The terminal's output mirrored for screen readers (xterm's screen reader mode): off unless asked. */
  screenReader: boolean;
  /** A command put on the first prompt's line, not run: the reader reads it, then presses Enter. */
  command?: string;
}

export const FONT_MIN = 10;
export const FONT_MAX = 32;
export const FONT_DEFAULT = 15;

export const DEFAULT_VIEW: ViewState = {
  fontSize: FONT_DEFAULT,
  theme: "system",
  embed: false,
  cold: false,
  screenReader: false,
};

export interface ParsedView {
  view: ViewState;
  /** One plain sentence per parameter that was ignored, shown to the user (never a blank page). */
  ignored: string[];
}

const KNOWN = new Set([
  "era",
  "uid",
  "caps",
  "userns",
  "font",
  "theme",
  "embed",
  "cold",
  "autostart",
  "sr",
  "cmd",
]);

/** The longest `cmd` taken: a command to read before running, not a script (those are pasted). */
export const COMMAND_MAX = 500;

// Long or hostile values are cut before they are echoed back in a message, and characters that
// are invisible or turn text around (U+202E would show the rest of the sentence backwards) are
// written as escapes, as JSON writes control characters.
const show = (value: string) =>
  visibleText(JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value));

/** `understood`: something in the list was a capability, "none" or "all" (else as if left out). */
function parseCaps(value: string): {
  caps: Identity["caps"];
  bad: string[];
  understood: boolean;
  /** "none" beside capabilities or "all": the capabilities are taken, and "none" said to be ignored. */
  noneBeside: boolean;
} {
  const caps: ToggleCap[] = [];
  const bad: string[] = [];
  let all = false;
  let none = false;
  for (const item of value.toLowerCase().split(",")) {
    const raw = item.trim();
    if (raw === "") continue;
    if (raw === "none") none = true;
    else if (raw === "all") all = true;
    else {
      const name = raw.startsWith("cap_") ? raw : `cap_${raw}`;
      const cap = TOGGLE_CAPS.find((c) => c === name);
      if (cap) {
        if (!caps.includes(cap)) caps.push(cap);
      } else if (!bad.includes(raw)) bad.push(raw);
    }
  }
  // An empty list (caps=) is a word on capabilities too: none.
  const empty = value.trim() === "";
  return {
    caps: all ? "all" : caps,
    bad,
    understood: all || none || empty || caps.length > 0,
    noneBeside: none && (all || caps.length > 0),
  };
}

/** Why a link's command is not taken, if it is not: it must be one line, typed as it stands. */
function commandProblem(cmd: string): string | undefined {
  if (cmd.trim() === "") return "empty: a command to put on the prompt";
  // A line break would run it, a control key or an escape would edit or hide it.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(cmd))
    return "one line of text: no line breaks, tabs or control characters";
  // The guest has no locale: its shell would take one character as two or more keys.
  if (/[^\x20-\x7e]/.test(cmd)) return "plain ASCII only";
  if (cmd.length > COMMAND_MAX) return `${cmd.length} characters: at most ${COMMAND_MAX}`;
  return undefined;
}

export function parseViewState(search: string, hash = ""): ParsedView {
  const params = new URLSearchParams(search);
  const view: ViewState = { ...DEFAULT_VIEW };
  const ignored: string[] = [];
  // Settings after the # are not read (the hash is the about page's): "#era=2012" was silently the
  // default era, where the same after a ? was obeyed, or said to be ignored.
  const afterHash = hash.replace(/^#/, "");
  if (afterHash.includes("=")) ignored.push(`${show(`#${afterHash}`)} (settings go after a ?, not a #)`);

  for (const key of new Set(params.keys())) {
    if (!KNOWN.has(key)) ignored.push(`unknown parameter ${show(key)}`);
    // URLSearchParams.get takes the first: a link edited by hand must not silently drop the rest.
    else
      for (const extra of params.getAll(key).slice(1))
        ignored.push(`${key}=${show(extra)} (${key} given more than once: the first one is used)`);
  }

  const era = params.get("era");
  if (era !== null) {
    const year = /^\d{4}$/.test(era.trim()) ? Number(era.trim()) : NaN;
    // Any year since the first rules runs the latest era named for it or before (a timeline entry's
    // year, 2019 say, runs 2017's). Eras are named for the year their change was written, not for
    // the release that shipped it (2016's came with Linux 4.10, in 2017): the timeline says which.
    // A listed era is taken whatever the device's clock says (one set years back would refuse 2020).
    const latest = Math.max(new Date().getFullYear(), ERAS[ERAS.length - 1]);
    const inForce = year <= latest ? [...ERAS].reverse().find((e) => e <= year) : undefined;
    if (inForce) view.era = inForce;
    else
      ignored.push(
        `era=${show(era)} (a year from ${ERAS[0]} to ${latest}, which runs the latest era up to it: ${ERAS.join(", ")})`,
      );
  }

  const uidRaw = params.get("uid");
  const capsRaw = params.get("caps");
  const usernsRaw = params.get("userns");
  if (uidRaw !== null || capsRaw !== null || usernsRaw !== null) {
    let uid: Identity["uid"] = 1000;
    const uidGiven = uidRaw === "0" || uidRaw === "root" || uidRaw === "1000";
    if (uidRaw === "0" || uidRaw === "root") uid = 0;
    else if (uidRaw !== null && !uidGiven) ignored.push(`uid=${show(uidRaw)} (use 0 or 1000)`);
    let caps: Identity["caps"] = [];
    // Given only if something in it was understood ("none" is): else as if left out.
    let capsGiven = false;
    if (capsRaw !== null) {
      const parsed = parseCaps(capsRaw);
      caps = parsed.caps;
      capsGiven = parsed.understood;
      for (const b of parsed.bad) ignored.push(`capability ${show(b)} (known: ${TOGGLE_CAPS.join(", ")})`);
      if (parsed.noneBeside)
        ignored.push(`"none" in caps=${show(capsRaw)} (beside capabilities it contradicts: they are used)`);
    }
    const userns = parseFlag(usernsRaw);
    if (usernsRaw !== null && userns === undefined) ignored.push(`userns=${show(usernsRaw)} (use 0 or 1)`);
    // A new namespace with no word on capabilities has them all there, as ticking the panel's box
    // gives and `unshare -r` does; caps=none asks for none.
    if (userns && !capsGiven) caps = "all";
    // Nothing understood (?uid=-1 alone): no identity, as if left out, rather than one never asked for.
    if (uidGiven || capsGiven || userns !== undefined) view.identity = { uid, caps, userns: userns ?? false };
  }

  const font = params.get("font");
  if (font !== null) {
    // Digits only: Number() would also take "0x10", " 15" or "1e1".
    const n = /^\d{1,3}$/.test(font) ? Number(font) : NaN;
    if (n >= FONT_MIN && n <= FONT_MAX) view.fontSize = n;
    else if (Number.isInteger(n)) {
      // Out of range, the nearest size: font=40 asked for big letters on a projector, and the
      // default size it fell back to was the smallest thing on the screen.
      view.fontSize = Math.min(FONT_MAX, Math.max(FONT_MIN, n));
      ignored.push(
        `font=${show(font)} (a whole number from ${FONT_MIN} to ${FONT_MAX}: the nearest, ${view.fontSize}, is used)`,
      );
    } else ignored.push(`font=${show(font)} (a whole number from ${FONT_MIN} to ${FONT_MAX})`);
  }

  const theme = params.get("theme");
  if (theme !== null) {
    if (theme === "light" || theme === "dark" || theme === "system") view.theme = theme;
    else ignored.push(`theme=${show(theme)} (use light, dark or system)`);
  }

  for (const key of ["embed", "cold"] as const) {
    const raw = params.get(key);
    const flag = parseFlag(raw);
    if (raw !== null && flag === undefined) ignored.push(`${key}=${show(raw)} (use 1 or 0)`);
    else if (flag !== undefined) view[key] = flag;
  }

  const sr = params.get("sr");
  if (sr !== null) {
    const flag = parseFlag(sr);
    if (flag === undefined) ignored.push(`sr=${show(sr)} (use 1 or 0)`);
    else view.screenReader = flag;
  }

  const autostart = params.get("autostart");
  if (autostart !== null) {
    const flag = parseFlag(autostart);
    if (flag === undefined) ignored.push(`autostart=${show(autostart)} (use 1 or 0)`);
    else view.autostart = flag;
  }

  const cmd = params.get("cmd");
  if (cmd !== null) {
    const problem = commandProblem(cmd);
    if (problem === undefined) view.command = cmd;
    else ignored.push(`cmd=${show(cmd)} (${problem})`);
  }

  return { view, ignored };
}

/** The query string for a view state; defaults are left out so shared links stay short. */
export function serializeViewState(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.era !== undefined) params.set("era", String(view.era));
  if (view.identity) {
    params.set("uid", String(view.identity.uid));
    const caps = view.identity.caps;
    if (caps === "all" || caps.length > 0) params.set("caps", caps === "all" ? "all" : caps.join(","));
    // Said where it surprises: a namespace's default is every capability there, and "root" reads as
    // all-powerful, though uid 0 alone passes none of the capability checks.
    else if (view.identity.userns || view.identity.uid === 0) params.set("caps", "none");
    if (view.identity.userns) params.set("userns", "1");
  }
  if (view.fontSize !== FONT_DEFAULT) params.set("font", String(view.fontSize));
  if (view.theme !== "system") params.set("theme", view.theme);
  if (view.embed) params.set("embed", "1");
  if (view.cold) params.set("cold", "1");
  if (view.autostart !== undefined) params.set("autostart", view.autostart ? "1" : "0");
  if (view.screenReader) params.set("sr", "1");
  if (view.command !== undefined) params.set("cmd", view.command);
  const text = params.toString().replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}

/**
 * The query of the full page for an embed's view: its era, identity and theme, not the frame's own
 * settings (compact layout, no autostart, a font sized for the frame).
 */
export function fullLabQuery(view: ViewState): string {
  return serializeViewState({ ...view, embed: false, autostart: undefined, fontSize: FONT_DEFAULT });
}

/** How long the address waits after a browser refused to rewrite it. */
const REWRITE_RETRY_MS = 1000;
let rewriteRetry: ReturnType<typeof setTimeout> | undefined;

/** Rewrites the address bar without a navigation or a history entry per click. */
export function writeViewState(view: ViewState, history: History = window.history): void {
  clearTimeout(rewriteRetry);
  const query = serializeViewState(view);
  const url = `${window.location.pathname}${query}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  try {
    history.replaceState(history.state, "", url);
  } catch {
    // Some browsers refuse more than about a hundred rewrites in ten seconds (a shell loop switching
    // the kernel's era, followed by the page): the address catches up once they allow it again.
    rewriteRetry = setTimeout(() => writeViewState(view, history), REWRITE_RETRY_MS);
  }
}
