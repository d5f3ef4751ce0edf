// The identity the guest's shell starts with, and when two identities (or a shell and a request) match.
import type { ShellIdentity } from "./lab-types";
import { ALL_CAPABILITIES, type Subject } from "./permission-model";
import { TOGGLE_CAPS, type Identity } from "./protocol";

/** The shell's ids inside its own namespace (see ShellIdentity). */
export function insideIds(shell: Omit<ShellIdentity, "pid" | "caps">): { nsUid: number; nsGid: number } {
  return {
    nsUid: shell.nsUid ?? (shell.userns ? 0 : shell.uid),
    nsGid: shell.nsGid ?? (shell.userns ? 0 : shell.gid),
  };
}

/** The saved state's shell and a cold boot's: what the page needs no new shell for. */
export const DEFAULT_IDENTITY: Identity = { uid: 1000, caps: [], userns: false };

export function sameIdentity(a: Identity, b: Identity): boolean {
  const caps = (i: Identity) => (i.caps === "all" ? "all" : [...i.caps].sort().join(","));
  return a.uid === b.uid && a.userns === b.userns && caps(a) === caps(b);
}

/** Capabilities as the agent names them, "all" (its word for every one) read as the full list. */
export const heldCaps = (caps: readonly string[]): Set<string> =>
  new Set(caps.includes("all") ? ALL_CAPABILITIES : caps);

/** The same capabilities, however the agent spelt them. */
export function sameCaps(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [heldCaps(a), heldCaps(b)];
  return x.size === y.size && [...x].every((c) => y.has(c));
}

/**
 * Two reports of the shell name the same identity: its ids (inside its namespace too) and its
 * capabilities, however the agent spelt them. A fresh shell of the same identity (`exit`) is the same.
 */
export function sameShell(a: Omit<ShellIdentity, "pid">, b: Omit<ShellIdentity, "pid">): boolean {
  const [x, y] = [insideIds(a), insideIds(b)];
  return (
    a.uid === b.uid &&
    a.gid === b.gid &&
    a.userns === b.userns &&
    x.nsUid === y.nsUid &&
    x.nsGid === y.nsGid &&
    sameCaps(a.caps, b.caps)
  );
}

/**
 * The shell the agent reports is the one asked for: its uid and namespace, and the lesson's
 * capabilities (in a new user namespace the shell may hold more than asked: runas gives all there).
 */
export function isAskedShell(asked: Identity, actual: Omit<ShellIdentity, "pid">): boolean {
  if (actual.uid !== asked.uid || actual.userns !== asked.userns) return false;
  // The page's namespace shells are uid 0 inside (`exec unshare -U sh` leaves it unmapped).
  if (insideIds(actual).nsUid !== (asked.userns ? 0 : asked.uid)) return false;
  const wanted: readonly string[] = asked.caps === "all" ? TOGGLE_CAPS : asked.caps;
  // "all" is the agent's word for every capability (a namespace shell's, root's).
  const held: readonly string[] = actual.caps.includes("all")
    ? TOGGLE_CAPS
    : actual.caps.filter((c) => (TOGGLE_CAPS as readonly string[]).includes(c));
  return wanted.every((c) => held.includes(c)) && (asked.userns || held.every((c) => wanted.includes(c)));
}

/** The subject the model reasons about, from what the guest reported for the shell. */
export function subjectFromActual(actual: ShellIdentity, caps?: string[]): Subject {
  const held = heldCaps(caps ?? actual.caps);
  // 0 inside for the page's namespace shells (runas maps them like `unshare -r`), 65534 after
  // `exec unshare -U sh`: the agent reads the shell's maps.
  const { uid, gid, userns } = actual;
  return { uid, gid, ...insideIds(actual), userns, caps: held };
}
