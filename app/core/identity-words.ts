// The page's one way of saying who a process is: its uid inside its own user namespace and outside it.
import { insideIds } from "./identity";
import type { IdentityState } from "./lab-types";
import { ALL_CAPABILITIES } from "./permission-model";
import { TOGGLE_CAPS, type Identity } from "./protocol";

/** Ids as the kernel's records and the agent's reports give them: as the initial user namespace sees them. */
export interface SeenIds {
  uid: number;
  euid?: number;
  /** The real gid, when known: said where it is not the uid (the 2014 rule asks for gid 0 too). */
  gid?: number;
  /** True for a process in a user namespace of its own. */
  userns: boolean;
  /**
   * Whether the process is uid 0 inside that namespace: true when known (the page's own shell, which
   * runas --userns maps to 0 like `unshare -r`), false when known not, undefined when nothing says
   * (a kernel record: it gives only the outer uid, whoever made the namespace).
   */
  rootInside?: boolean;
}

/** The uid a user namespace shows for an id it does not map (/proc/sys/kernel/overflowuid). */
const OVERFLOW_UID = 65534;

/** "uid 1000", "uid 1000 (euid 0)" or "uid 0, gid 1000". */
const ids = (uid: number, euid = uid, gid = uid): string =>
  `${euid === uid ? `uid ${uid}` : `uid ${uid} (euid ${euid})`}${gid === uid ? "" : `, gid ${gid}`}`;

/**
 * "uid 1000 in the initial user namespace", "uid 0 inside a user namespace of your own (uid 1000
 * outside)"; WHOSE is "your" when speaking to the learner, "its" when describing the shell.
 */
export function describeIds(seen: SeenIds, whose: "your" | "its"): string {
  const { uid, euid = uid } = seen;
  if (!seen.userns) return `${ids(uid, euid, seen.gid)} in the initial user namespace`;
  const own = `a user namespace of ${whose} own`;
  // In it first, then the outer uid: "uid 1000 outside a namespace" read as "not in one".
  if (seen.rootInside === false)
    return `in ${own}, where ${whose} uid or gid is not 0 (${ids(uid, euid, seen.gid)} outside it)`;
  if (seen.rootInside === undefined) return `in ${own} (${ids(uid, euid, seen.gid)} outside it)`;
  const outside =
    uid === 0 && euid === 0 && (seen.gid ?? 0) === 0
      ? "uid 0 outside too"
      : `${ids(uid, euid, seen.gid)} outside`;
  return `uid 0 inside ${own} (${outside})`;
}

/** "uid 1000, initial user ns" or "uid 0 in a user ns of its own (uid 1000 outside)": the card's short form. */
export function shortIds(seen: SeenIds): string {
  const { uid, euid = uid } = seen;
  if (!seen.userns) return `${ids(uid, euid, seen.gid)}, initial user ns`;
  if (seen.rootInside === false)
    return `in a user ns of its own, not uid and gid 0 there (${ids(uid, euid, seen.gid)} outside)`;
  if (seen.rootInside === undefined) return `in a user ns of its own (${ids(uid, euid, seen.gid)} outside)`;
  return `uid 0 in a user ns of its own (${ids(uid, euid, seen.gid)} outside)`;
}

/** "all capabilities", "CAP_SYS_ADMIN", "12 capabilities incl. CAP_SYS_ADMIN": the shell's effective set. */
export function describeCaps(reported: readonly string[]): string {
  const caps = reported.map((c) => c.toLowerCase());
  // The guest may list every capability by name; a wall of 41 names helps nobody on a projector.
  if (caps.includes("all") || caps.length >= ALL_CAPABILITIES.length) return "all capabilities";
  if (caps.length === 0) return "no capabilities";
  if (caps.length <= 4) return caps.map((c) => c.toUpperCase()).join(", ");
  const toggled = TOGGLE_CAPS.filter((c) => caps.includes(c)).map((c) => c.toUpperCase());
  return `${caps.length} capabilities${toggled.length ? ` incl. ${toggled.join(", ")}` : ""}`;
}

/**
 * describeCaps, with "there" for a process in a user namespace of its own that holds any: it holds
 * them in that namespace only, and the initial one grants it none ("all capabilities there").
 */
export function describeHeldCaps(reported: readonly string[], nested: boolean): string {
  const caps = describeCaps(reported);
  return nested && reported.length > 0 ? `${caps} there` : caps;
}

/** "uid 0 inside a user namespace of its own (uid 1000 outside) · all capabilities": the guest's report, in words. */
export function describeActual(actual: NonNullable<IdentityState["actual"]>): string {
  const { uid, userns } = actual;
  const { nsUid } = insideIds(actual);
  // The page's namespace shells are uid 0 there (runas --userns); one made with `exec unshare -U sh`
  // is not: its uid is unmapped there, the overflow uid.
  const unmapped = nsUid === OVERFLOW_UID ? " (no uid mapped)" : "";
  const where =
    userns && nsUid !== 0
      ? `uid ${nsUid}${unmapped} inside a user namespace of its own (uid ${uid} outside)`
      : describeIds({ uid, userns, rootInside: userns }, "its");
  return `${where} · ${describeHeldCaps(actual.caps, actual.userns)}`;
}

/** Every capability is "full root" only for uid 0 in the initial namespace; say where else they count. */
export function allCapsNote({ uid, userns }: Pick<Identity, "uid" | "userns">): string {
  if (userns) return "(all, held inside the new namespace only)";
  return uid === 0 ? "(all: full root)" : "(all, without being uid 0)";
}
