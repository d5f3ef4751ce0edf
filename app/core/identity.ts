// The identity the guest's shell starts with, and when two identities are the same shell.
import type { Identity } from "./protocol";

/** The saved state's shell and a cold boot's: what the page needs no new shell for. */
export const DEFAULT_IDENTITY: Identity = { uid: 1000, caps: [], userns: false };

export function sameIdentity(a: Identity, b: Identity): boolean {
  const caps = (i: Identity) => (i.caps === "all" ? "all" : [...i.caps].sort().join(","));
  return a.uid === b.uid && a.userns === b.userns && caps(a) === caps(b);
}
