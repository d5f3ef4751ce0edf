// The identity the guest's shell starts with, and when two identities (or a shell and a request) match.
import { TOGGLE_CAPS, type Identity } from "./protocol";

/** The saved state's shell and a cold boot's: what the page needs no new shell for. */
export const DEFAULT_IDENTITY: Identity = { uid: 1000, caps: [], userns: false };

export function sameIdentity(a: Identity, b: Identity): boolean {
  const caps = (i: Identity) => (i.caps === "all" ? "all" : [...i.caps].sort().join(","));
  return a.uid === b.uid && a.userns === b.userns && caps(a) === caps(b);
}

/**
 * The shell the agent reports is the one asked for: its uid and namespace, and the lesson's
 * capabilities (in a new user namespace the shell may hold more than asked: runas gives all there).
 */
export function isAskedShell(
  asked: Identity,
  actual: { uid: number; caps: string[]; userns: boolean },
): boolean {
  if (actual.uid !== asked.uid || actual.userns !== asked.userns) return false;
  const wanted: readonly string[] = asked.caps === "all" ? TOGGLE_CAPS : asked.caps;
  const held = actual.caps.filter((c) => (TOGGLE_CAPS as readonly string[]).includes(c));
  return wanted.every((c) => held.includes(c)) && (asked.userns || held.every((c) => wanted.includes(c)));
}
