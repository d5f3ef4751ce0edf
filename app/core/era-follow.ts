// The era the kernel reports, as the page shows it: a learner may also switch it from inside the guest.
import type { EraState } from "./lab-types";
import { ERAS, type Era } from "./protocol";

/** The era a record names, as one the page knows (the kernel's own default for any other). */
export function eraOfRecord(year: number): Era {
  return ERAS.find((e) => e === year) ?? 2020;
}

/**
 * The era the page should show once the kernel says it runs `kernelEra` (an exe_link record, an era
 * event, an agent's hello), or undefined to keep its own. Writing /proc/sys/kernel/exe_link_era in
 * the terminal changes the rules without the page: the kernel's word is the truth, so the header,
 * the timeline and a copied link must say what it ran. Not while the page switches the era itself:
 * a report from just before its switch would undo it.
 */
export function eraToFollow(state: EraState, kernelEra: number): Era | undefined {
  if (state.switching) return undefined;
  const known = ERAS.find((e) => e === kernelEra);
  return known !== undefined && known !== state.current ? known : undefined;
}
