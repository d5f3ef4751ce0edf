// Brings a freshly started guest to the page's state: its clock, a random seed, era, terminal size and identity.
import type { EraChoice } from "./era-choice";
import type { BootedGuest } from "./guest-boot";
import { DEFAULT_IDENTITY, sameIdentity } from "./identity";
import { procsEvent, SEED_BYTES, type GuestEvent, type Identity } from "./protocol";

export interface SyncTarget {
  now: () => number;
  eras: EraChoice;
  identity: Identity;
  size: { rows: number; cols: number } | undefined;
  /** A new shell of `identity` (lab.ts: keys typed meanwhile wait for its prompt). */
  restartShell: (g: BootedGuest, identity: Identity) => Promise<unknown>;
  onEvent: (event: GuestEvent) => void;
  report: (problem: string) => void;
}

/** Resolves once the guest is set; the cleanup it gives cancels the process list asked for later. */
export async function syncGuest(g: BootedGuest, target: SyncTarget): Promise<() => void> {
  const { agent } = g;
  const wanted = target.eras.wanted;
  // Sent back to back: the agent answers in order, so this costs one round trip, not six.
  const pending: Promise<unknown>[] = [
    agent.request({ type: "clock", epoch: target.now() / 1000 }),
    // Each guest's random generator seeded apart (the saved state's is the same for every visitor).
    agent.request({ type: "seed", bytes: crypto.getRandomValues(new Uint8Array(SEED_BYTES)) }),
  ];
  if (g.era !== wanted) pending.push(agent.request({ type: "era", year: wanted }));
  // The size first: a new shell's banner and welcome are wrapped to it.
  if (target.size) pending.push(agent.request({ type: "winsize", ...target.size }));
  // The saved state and a cold boot both start the default identity; anything else needs a new shell.
  if (!sameIdentity(target.identity, DEFAULT_IDENTITY)) pending.push(target.restartShell(g, target.identity));
  await Promise.all(pending);
  // An era chosen while these were on their way (the header's held choice, say) is this guest's
  // too: nothing else will send it, and the page would show the switch under way for good.
  let running = wanted;
  while (target.eras.wanted !== running) {
    running = target.eras.wanted;
    await agent.request({ type: "era", year: running });
  }
  target.eras.given(running);
  // The process list is not needed to type the first command, and scanning /proc costs the guest
  // CPU just when that command runs: ask a moment later (the agent reports changes by itself).
  const listLater = setTimeout(() => {
    agent
      .request({ type: "ps" })
      .then((ps) => target.onEvent(procsEvent(ps)))
      .catch((err: Error) => target.report(err.message));
  }, 300);
  return () => clearTimeout(listLater);
}
